package dev.tandem.server.agent;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import dev.tandem.kb.Passage;
import dev.tandem.kb.retrieval.PassageContents;
import dev.tandem.server.chat.Identity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AccountAwareRetrieverTest {

    private static final Passage WARRANTY = passage("w", "Chính sách bảo hành", "Thời hạn bảo hành theo sản phẩm",
            "Nồi cơm điện MH-RC18: bảo hành 12 tháng. Nồi cơm điện cao tần MH-RC18IH: 24 tháng.");
    private static final Passage POWER = passage("p", "Nên chọn nồi cơm điện MH-RC18 hay MH-RC18IH?", "Điện năng tiêu thụ",
            "Nồi cơm điện MH-RC18 dùng khoảng 0,3 kWh mỗi lần nấu, nồi MH-RC18IH khoảng 0,4 kWh.");
    private static final Passage WEIGHT = passage("k", "Thông số kỹ thuật nồi cơm điện MH-RC18", "Kích thước và trọng lượng",
            "Kích thước: 36 × 28 × 25 cm. Trọng lượng: 2,6 kg.");

    /** A search that returns the first two passages for the question as typed and the weight only for the lexicon's forms. */
    private static final class Search implements dev.langchain4j.rag.content.retriever.ContentRetriever {
        final List<String> queries = new ArrayList<>();

        @Override
        public List<Content> retrieve(Query query) {
            queries.add(query.text());
            List<Content> found = new ArrayList<>(List.of(PassageContents.toContent(WARRANTY), PassageContents.toContent(POWER)));
            if (query.text().contains("trọng lượng")) found.add(PassageContents.toContent(WEIGHT));
            return found;
        }
    }

    @Test
    void a_question_for_a_weight_searches_with_the_lexicons_forms_and_puts_a_passage_stating_one_first() {
        Search search = new Search();
        var retriever = new AccountAwareRetriever(search, 0.0, id -> Identity.anonymous(), 3);

        List<Content> found = retriever.retrieve(query("Nồi cơm điện MH-RC18 nặng bao nhiêu ký?"));

        // the first search's best passage holds most of the question's words, but no weight: a second search is made
        assertThat(search.queries).hasSize(2);
        assertThat(search.queries.get(1)).contains("trọng lượng");
        assertThat(found).extracting(c -> PassageContents.toPassage(c).chunkId()).first().isEqualTo("k");
    }

    @Test
    void a_measure_no_search_with_the_question_brings_is_searched_for_with_the_model_alone() {
        List<String> queries = new ArrayList<>();
        // the specification's row shares one word with the question: only a search for the model and the measure finds it
        var search = recording(queries, q -> q.startsWith("RC18 ") ? List.of(WEIGHT) : List.of(WARRANTY, POWER));
        var retriever = new AccountAwareRetriever(search, 0.0, id -> Identity.anonymous(), 3);

        List<Content> found = retriever.retrieve(query("Nồi cơm điện MH-RC18 nặng bao nhiêu ký?"));

        assertThat(queries).last().asString().startsWith("RC18 ").contains("trọng lượng", "weight");
        assertThat(found).extracting(c -> PassageContents.toPassage(c).chunkId()).first().isEqualTo("k");
        // a question naming no model makes no such search: the measure's words alone find every product's row
        queries.clear();
        retriever.retrieve(query("Nồi cơm điện nặng bao nhiêu ký?"));
        assertThat(queries).noneMatch(q -> q.contains("weight trọng lượng kg"));
    }

    @Test
    void a_question_for_a_duration_keeps_the_rankers_order() {
        Passage zones = passage("z", "Chính sách giao hàng", "Khu vực giao hàng",
                "Giao hàng đi Cần Thơ và các tỉnh miền Tây qua đối tác vận chuyển; thời gian theo bảng bên dưới.");
        Passage returns = passage("r", "Chính sách đổi trả", "Trả hàng", "Trả hàng trong 7 ngày kể từ khi nhận.");
        dev.langchain4j.rag.content.retriever.ContentRetriever search =
                q -> List.of(PassageContents.toContent(returns), PassageContents.toContent(zones));
        var retriever = new AccountAwareRetriever(search, 0.0, id -> Identity.anonymous(), 2);

        List<Content> found = retriever.retrieve(query("Giao hàng đi Cần Thơ mất mấy ngày?"));

        // nearly every policy states a duration ("trả hàng trong 7 ngày"): stating one does not put a passage first
        assertThat(found).extracting(c -> PassageContents.toPassage(c).chunkId()).first().isEqualTo("z");
    }

    @Test
    void a_question_for_where_something_is_in_a_city_puts_a_passage_stating_an_address_first() {
        Passage cities = passage("c", "How to claim warranty", "Option 3: Visit a service centre",
                "Bring the product to an authorised service centre in Hà Nội, TP.HCM, Đà Nẵng, Cần Thơ or Hải Phòng.");
        Passage centre = passage("d", "Hệ thống trung tâm bảo hành ủy quyền", "Trung tâm bảo hành Đà Nẵng",
                "Địa chỉ: Số 88 Nguyễn Văn Linh, Phường Hải Châu, Đà Nẵng.");
        List<String> queries = new ArrayList<>();
        var search = recording(queries, q -> q.contains("trung tâm bảo hành") ? List.of(cities, centre) : List.of(cities));
        var retriever = new AccountAwareRetriever(search, 0.0, id -> Identity.anonymous(), 2);

        List<Content> found = retriever.retrieve(query("Where is the service centre in Da Nang?"));

        // the cities' list holds every word of the question but no address: the lexicon's forms are searched as well
        assertThat(queries).hasSize(2);
        assertThat(found).extracting(c -> PassageContents.toPassage(c).chunkId()).first().isEqualTo("d");
    }

    @Test
    void a_value_no_passage_found_states_is_searched_for_with_the_words_that_name_one() {
        Passage hours = passage("h", "Liên hệ / Contact us", "Hotline", "Hotline 1900 6868 — 8:00–21:00 every day.");
        List<String> queries = new ArrayList<>();
        var search = recording(queries, q -> q.contains("opening hours") ? List.of(hours) : List.of(WARRANTY, POWER));
        var retriever = new AccountAwareRetriever(search, 0.0, id -> Identity.anonymous(), 3);

        List<Content> found = retriever.retrieve(query("What time does the hotline close?"));

        assertThat(queries).last().asString().startsWith("What time does the hotline close?").contains("opening hours");
        assertThat(found).extracting(c -> PassageContents.toPassage(c).chunkId()).contains("h");
        // a passage found first that states a time of day already: no further search
        queries.clear();
        var stated = recording(queries, q -> List.of(hours, WARRANTY));
        new AccountAwareRetriever(stated, 0.0, id -> Identity.anonymous(), 3).retrieve(query("What time does the hotline close?"));
        assertThat(queries).noneMatch(q -> q.contains("opening hours"));
    }

    @Test
    void a_name_the_chosen_passages_do_not_hold_is_searched_for_on_its_own() {
        Passage returns = passage("r", "Returns and refunds policy", "Change of mind within 7 days",
                "Online orders can be returned within 7 days. Products bought in a shop cannot be returned for a change of mind.");
        Passage shop = passage("s", "Hệ thống cửa hàng Mekong Home", "Mekong Home Tân Định",
                "Địa chỉ: 12 Hai Bà Trưng, phường Tân Định, Quận 1.");
        List<String> queries = new ArrayList<>();
        var search = recording(queries, q -> q.equals("tan dinh") ? List.of(shop) : List.of(returns));
        var retriever = new AccountAwareRetriever(search, 0.0, id -> Identity.anonymous(), 2);

        List<Content> found = retriever.retrieve(query("I bought a kettle at your Tân Định shop yesterday. Can I return it for a refund?"));

        // the answerer refuses a question whose name no passage holds: the passage that holds it comes along
        assertThat(queries).contains("tan dinh");
        assertThat(found).extracting(c -> PassageContents.toPassage(c).chunkId()).containsExactly("r", "s");
    }

    /** A search that notes each query's text in {@code queries} and returns the passages {@code found} gives for it. */
    private static dev.langchain4j.rag.content.retriever.ContentRetriever recording(
            List<String> queries, java.util.function.Function<String, List<Passage>> found) {
        return q -> {
            queries.add(q.text());
            return found.apply(q.text()).stream().map(PassageContents::toContent).toList();
        };
    }

    private static Query query(String text) {
        return Query.from(text, dev.langchain4j.rag.query.Metadata.from(
                dev.langchain4j.data.message.UserMessage.from(text), "conversation-1", List.of()));
    }

    private static Passage passage(String id, String title, String heading, String text) {
        return new Passage(id, id + ".md", title, heading, text, text, null, "vi", "public", "h" + id, 1.0, 0.9);
    }
}
