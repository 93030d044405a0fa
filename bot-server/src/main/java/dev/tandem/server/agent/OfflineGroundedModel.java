package dev.tandem.server.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.tandem.server.agent.tools.SupportTools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The default chat model: no network, no weights. It reads the grounding prompt, answers with the
 * sentences of the best passage that cover the question, cites it, and says it does not know
 * when nothing was retrieved. It never writes a fact that is not in a passage. Small talk, requests
 * for a human and lookups by number are recognised by {@link Intent} and go through the agent's
 * tools, so the offline path exercises the same authorization as a real model.
 */
public final class OfflineGroundedModel implements ChatModel {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OfflineGroundedModel.class);

    // compiled once: these run on every sentence of every passage of every answer
    private static final Pattern TWO_CAPITALISED = Pattern.compile("(?s)\\p{Lu}\\S*\\s+\\p{Lu}.*");
    private static final Pattern TABLE_RULE = Pattern.compile("^\\|?\\s*:?-{2,}.*");
    private static final Pattern BULLET = Pattern.compile("^[#>*\\-+]+\\s*");
    private static final int MAX_SENTENCES = 3;
    private static final int MAX_ANSWER_CHARS = 600;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        ChatMessage last = messages.isEmpty() ? null : messages.getLast();
        AiMessage reply;
        if (last instanceof ToolExecutionResultMessage) {
            GroundingPrompt.Parsed prompt = GroundingPrompt.parse(lastUserText(messages));
            String lang = Language.detect(prompt.question());
            List<ToolExecutionResultMessage> results = toolResults(messages);
            String fromTools = ToolAnswers.compose(results, lang);
            reply = AiMessage.from(ToolAnswers.unknownNumber(results) ? unknownNumber(prompt, fromTools, lang) : fromTools);
        } else {
            reply = decide(lastUserText(messages), previousReplyOfferedHuman(messages), toolNames(request));
        }
        return ChatResponse.builder()
                .aiMessage(reply)
                .finishReason(reply.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
                .modelName("tandem-offline")
                .build();
    }

    /** Small talk and lookups by intent; everything else is answered from the passages. */
    private AiMessage decide(String userText, boolean offeredHuman, Set<String> tools) {
        GroundingPrompt.Parsed prompt = GroundingPrompt.parse(userText);
        String lang = Language.detect(Lexicon.normalize(prompt.question()));
        Intent intent = Intent.detect(prompt.question(), offeredHuman);
        // a question about something no available document mentions (another account's name, a
        // competitor's model, "tổng giám đốc"): whatever passage matched its other words is about
        // something else, so a human should take it
        if (outsideDocuments(prompt) && (intent == Intent.QUESTION || intent == Intent.ACCOUNT_SUMMARY)) {
            log.debug("refused: outside the documents: {}", prompt.words());
            return AiMessage.from(Phrases.dontKnow(lang));
        }
        return switch (intent) {
            case GREETING -> AiMessage.from(Phrases.greeting(lang));
            case THANKS -> AiMessage.from(Phrases.thanks(lang));
            case HUMAN -> call(tools, SupportTools.ESCALATE, Map.of("reason", "customer asked for a human"), lang);
            case BATCH_DEFECT -> call(tools, SupportTools.ESCALATE,
                    Map.of("reason", "batch defect: several units with the same fault reported"), lang);
            case WARRANTY_LOOKUP -> call(tools, SupportTools.WARRANTY,
                    Map.of("serialOrOrder", Intent.number(prompt.question()).orElseThrow()), lang);
            case OPEN_TICKETS -> call(tools, SupportTools.OPEN_TICKETS, Map.of(), lang);
            // the contract text answers better than the summary when it was retrieved
            case ACCOUNT_SUMMARY -> prompt.sources().stream().anyMatch(s -> PassageRanker.isContract(s.label()))
                    ? AiMessage.from(compose(prompt))
                    : call(tools, SupportTools.ACCOUNT_SUMMARY, Map.of(), lang);
            case QUESTION -> AiMessage.from(compose(prompt));
        };
    }

    /**
     * A warranty lookup that found no product with the number given. A question that asks more than the number's
     * status ("mất hóa đơn … số sê-ri MH-RO100-24113456, bảo hành tính từ ngày nào?") is still a question for the
     * documents: their answer follows the lookup's, and the customer is asked to check the number either way; else the
     * lookup's own reply ({@code fromTools}).
     */
    private String unknownNumber(GroundingPrompt.Parsed prompt, String fromTools, String lang) {
        String fromDocuments = prompt.sources().isEmpty() || !Intent.asksMoreThanLookup(prompt.question()) ? null : compose(prompt);
        return fromDocuments == null || fromDocuments.equals(Phrases.dontKnow(lang))
                ? fromTools
                : Phrases.warrantyNotFoundButDocuments(lang, fromDocuments);
    }

    /** A tool call when the agent has that tool, else the grounded answer path's honest fallback. */
    private AiMessage call(Set<String> tools, String tool, Map<String, String> arguments, String lang) {
        if (!tools.contains(tool)) return AiMessage.from(Phrases.dontKnow(lang));
        String args;
        try {
            args = JSON.writeValueAsString(arguments);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return AiMessage.from(ToolExecutionRequest.builder()
                .id("offline-" + java.util.UUID.randomUUID())
                .name(tool)
                .arguments(args)
                .build());
    }

    private static Set<String> toolNames(ChatRequest request) {
        Set<String> names = new HashSet<>();
        if (request.toolSpecifications() != null) {
            for (ToolSpecification spec : request.toolSpecifications()) names.add(spec.name());
        }
        return names;
    }

    /** The results answering the newest tool-calling message, in order. */
    private static List<ToolExecutionResultMessage> toolResults(List<ChatMessage> messages) {
        List<ToolExecutionResultMessage> results = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0 && messages.get(i) instanceof ToolExecutionResultMessage r; i--) {
            results.addFirst(r);
        }
        return results;
    }

    /** Whether the bot's previous answer ended by offering a human, so a bare "yes" accepts it. */
    private static boolean previousReplyOfferedHuman(List<ChatMessage> messages) {
        for (int i = messages.size() - 2; i >= 0; i--) {
            if (messages.get(i) instanceof AiMessage ai && ai.text() != null) {
                String folded = Language.fold(ai.text());
                return folded.contains("nhan vien ho tro khong") || folded.contains("talk to a support agent");
            }
            if (messages.get(i) instanceof UserMessage) continue;
        }
        return false;
    }

    String compose(String userText) {
        return compose(GroundingPrompt.parse(userText));
    }

    private String compose(GroundingPrompt.Parsed prompt) {
        QuestionText question = QuestionText.of(prompt.question());
        String lang = question.english() ? "en" : "vi";
        if (prompt.sources().isEmpty()) return Phrases.dontKnow(lang);
        List<GroundingPrompt.Source> sources = prompt.sources();
        List<PassageRanker.Ranked> ranked = PassageRanker.rank(sources.stream()
                .map(s -> new PassageRanker.Candidate(s.label(), s.text(), s.lang(), s.confidence())).toList(), prompt.question(),
                unknownWords(prompt));
        // the best passage that names every required concept asked about (in any of its forms) and holds enough of the question
        List<PassageRanker.Ranked> eligible = ranked.stream()
                .filter(r -> r.coverage() >= MIN_COVERAGE && r.requiredConcepts()).toList();
        PassageRanker.Ranked chosen = eligible.isEmpty() ? null : eligible.getFirst();
        // the best-scored passage wins on confidence, language and headings; one that holds far more of
        // the question answers it better, whatever its language or retrieval confidence
        for (PassageRanker.Ranked r : eligible) {
            if (r.coverage() >= chosen.coverage() + WIDER_COVERAGE) chosen = r;
        }
        // a yes/no question about a thing ("có cho thuê máy lọc nước không"): the passage quoted must
        // name it; a question for a price: it must state an amount; an open question for a thing ("how
        // much sugar"): it must name it. The best eligible one that does, else none
        WhatIsAsked asked = WhatIsAsked.of(question);
        if (chosen != null && !asked.answeredBy(prompt, chosen)) {
            chosen = eligible.stream().filter(r -> asked.answeredBy(prompt, r)).findFirst().orElse(null);
            if (chosen == null && log.isDebugEnabled()) {
                log.debug("refused: no passage names what the question asks (or the price it asks): {}", eligible.stream().limit(6)
                        .map(r -> sources.get(r.index()).n() + " " + asked.unmet(prompt, r, true)).toList());
            }
        }
        // a passage that states the kind of value asked ("bao lâu": a period; "bao nhiêu tiền": an amount) answers it
        // where one that shares as many words but states none does not: the first such one that scores nearly as well
        AskedValue value = AskedValue.of(question);
        if (chosen != null && value.specific() && !value.statedIn(sources.get(chosen.index()).text())) {
            for (PassageRanker.Ranked r : eligible) {
                if (r.score() < chosen.score() * VALUE_SHARE) break;
                if (r != chosen && value.statedIn(sources.get(r.index()).text()) && asked.answeredBy(prompt, r)) {
                    chosen = r;
                    break;
                }
            }
        }
        if (log.isDebugEnabled()) {
            log.debug("ranked for {}: {}", LogMasker.mask(prompt.question()), ranked.stream()
                    .map(r -> String.format(java.util.Locale.ROOT, "[%d] coverage=%.2f score=%.2f required=%s %s",
                            sources.get(r.index()).n(), r.coverage(), r.score(), r.requiredConcepts(), sources.get(r.index()).label()))
                    .toList());
        }
        if (chosen == null) return Phrases.dontKnow(lang); // retrieved, but about something else
        if (log.isDebugEnabled()) log.debug("answering from [{}]: {}", sources.get(chosen.index()).n(), asked);
        // compounds no passage holds, when they are most of what is asked: "Mekong Home có bán tủ lạnh không?"
        List<Set<String>> sourcePairs = prompt.sources().stream().map(s -> PassageRanker.pairs(s.label(), s.text())).toList();
        Compounds.Unknown unknown = Compounds.inPairs(prompt.question(), sourcePairs);
        if (unknown.share() >= UNKNOWN_COMPOUND_SHARE) {
            log.debug("refused: compounds {} in no passage ({} of the topic)", unknown.pairs(), unknown.share());
            return Phrases.dontKnow(lang);
        }
        // a name no passage holds ("Phương Nam" asked by someone who may not see that account's contract):
        // the passages matched its words apart, so they are about something else
        // a name the lexicon knows ("Lunar New Year") is held by a passage that writes another of its forms ("Tết");
        // not a place: a passage about a place must name it as the question does ("Sài Gòn" is not every passage
        // that writes "TP. Hồ Chí Minh")
        // the place the customer lives in is their circumstance, not a name the passages must hold ("Nhà tôi ở Bến Tre,
        // … máy đó có lọc được nước mặn không?")
        Set<String> conceptWords = Lexicon.conceptWords(Lexicon.normalize(prompt.question()));
        Set<String> home = Places.livesIn(question);
        List<String> names = Compounds.namesNotHeld(prompt.question(), sourcePairs).stream()
                .filter(n -> {
                    Set<String> place = Places.named(QuestionText.of(n));
                    return place.isEmpty() ? !conceptWords.containsAll(List.of(Language.fold(n).split(" "))) : !home.containsAll(place);
                })
                .toList();
        if (!names.isEmpty()) {
            log.debug("refused: names {} in no passage", names);
            return Phrases.dontKnow(lang);
        }
        GroundingPrompt.Source source = sources.get(chosen.index());
        String extract = extract(source.text(), question, value, asked.why().asksWhy() ? source.lang() : null, source.lang());
        StringBuilder answer = new StringBuilder(lang.equals("vi")
                ? "Theo «" + documentOf(source) + "»: " + extract + " [" + source.n() + "]"
                : "According to “" + documentOf(source) + "”: " + extract + " [" + source.n() + "]");
        // further reading: a passage of another document that scores almost as well, or that states
        // the same fact (a number with its unit from the answer); at most two, one per document, in the
        // question's language unless the answer itself had to come from the other one
        Set<String> facts = facts(extract);
        Set<String> cited = new HashSet<>(Set.of(documentOf(source)));
        List<GroundingPrompt.Source> also = new ArrayList<>();
        for (PassageRanker.Ranked r : ranked) {
            if (r == chosen || also.size() == MAX_SEE_ALSO || r.coverage() < MIN_COVERAGE || !r.requiredConcepts()) continue;
            GroundingPrompt.Source other = sources.get(r.index());
            if (!lang.equals(other.lang()) && lang.equals(source.lang())) continue; // further reading in the reader's language
            boolean close = r.score() >= chosen.score() * SEE_ALSO_SHARE;
            Set<String> theirs = facts(other.text());
            boolean corroborates = facts.stream().anyMatch(theirs::contains);
            if ((close && also.isEmpty() || corroborates) && cited.add(documentOf(other))) also.add(other);
        }
        for (GroundingPrompt.Source a : also) {
            answer.append(lang.equals("vi") ? " Xem thêm «" : " See also “")
                    .append(documentOf(a)).append(lang.equals("vi") ? "» [" : "” [")
                    .append(a.n()).append("].");
        }
        return answer.toString();
    }

    /**
     * Whether the question is about something the documents the customer may see do not cover:
     * it names something none of them mentions ({@link #novelNames}), or two or more of its words
     * occur in none of them as written (with their marks: "giám đốc", "weather tomorrow"). One
     * unfamiliar common word is often a unit or a paraphrase ("mét" for "m", "often") and is left
     * to the coverage checks. Needs the word counts the retrieval adds to the prompt; without them,
     * never true.
     */
    static boolean outsideDocuments(GroundingPrompt.Parsed prompt) {
        // a chat abbreviation ("sđt") is a known word written short, a contraction ("didn't") known words run
        // together: the documents hold them written out; a Vietnamese function word ("sắp", about to) names nothing;
        // a word of a concept the question names ("ưng" of "không ưng") is held in the concept's other forms; a
        // number or an amount ("110V", "50.000") is a quantity, not a subject, and the quantity checks weigh it
        boolean marked = QuestionText.of(prompt.question()).marked();
        Set<String> concepts = Lexicon.conceptWords(Lexicon.normalize(prompt.question()));
        List<String> unfamiliar = prompt.words().stream()
                .filter(w -> w.chunks() == 0 && !Lexicon.abbreviation(w.written()) && !Lexicon.contraction(w.written()))
                .map(w -> w.written().toLowerCase(Locale.ROOT))
                .filter(w -> !Compounds.function(w, marked) && !ENGLISH_FUNCTION.contains(w) && !concepts.contains(Language.fold(w))
                        && !QUANTITY.matcher(w).matches())
                .toList();
        // a question that tells its story before or after asking: the story's common words are the customer's ("our
        // building sometimes runs short of water", "coeliac disease"), what it asks is what the documents must cover; a
        // name or a code anywhere still counts
        String asking = PassageRanker.askingSentences(prompt.question());
        String counted = asking == null ? prompt.question() : asking;
        if (asking != null) {
            Set<String> askingWords = new HashSet<>(Arrays.asList(asking.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")));
            unfamiliar = unfamiliar.stream().filter(askingWords::contains).toList();
        }
        return expressions(unfamiliar, counted) >= 2 || !novelNames(prompt).isEmpty()
                || unknownShare(prompt) >= UNKNOWN_SHARE && (asking == null || unknownShare(prompt, asking) >= UNKNOWN_SHARE);
    }

    /**
     * How many expressions {@code words} (lower case) make in {@code question}: two Vietnamese syllables the question
     * writes side by side are one ("sùng sục", bubbling), and one unfamiliar expression is usually a paraphrase.
     */
    private static long expressions(List<String> words, String question) {
        String spaced = " " + String.join(" ", question.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) + " ";
        long expressions = words.size();
        for (int i = 0; i < words.size(); i++) {
            for (int j = 0; j < words.size(); j++) {
                String first = words.get(i);
                String second = words.get(j);
                if (i != j && Compounds.syllable(first) && Compounds.syllable(second)
                        && spaced.contains(" " + first + " " + second + " ")) expressions--;
            }
        }
        return expressions;
    }

    /**
     * The question's words (folded) that no document the customer may see holds in any form: no
     * passage can hold them, so they do not count for or against one ("lũy" in "điểm tích lũy",
     * "xài"). Whether they make the question one about something else is {@link #outsideDocuments}'s call.
     */
    private static Set<String> unknownWords(GroundingPrompt.Parsed prompt) {
        if (prompt.unknownTerms().isEmpty()) return Set.of();
        Set<String> unknown = new HashSet<>();
        for (String w : prompt.unknownTerms()) unknown.add(Language.fold(w));
        // a word of a concept the lexicon knows ("restaurant") is held by a passage in its other forms
        unknown.removeAll(Lexicon.conceptWords(Lexicon.normalize(prompt.question())));
        return unknown;
    }

    /**
     * English words that shape a question but name nothing — pronouns, conjunctions, vague nouns and adverbs — which
     * the documents, written impersonally, may happen not to use ("is it safe for her?", "since", "that thing").
     */
    private static final Set<String> ENGLISH_FUNCTION = Set.of("he", "him", "his", "she", "her", "hers", "they", "them",
            "their", "theirs", "mine", "yours", "ours", "since", "because", "although", "though",
            "unless", "whether", "thing", "things", "stuff", "something", "anything", "somewhere", "anywhere", "ahead",
            "far", "already", "actually", "really", "ever", "anyway", "maybe", "perhaps", "told", "tell", "said", "say",
            // how a question is framed ("how often am I supposed to …", "roughly how long", "I was wondering")
            "often", "supposed", "usually", "normally", "typically", "exactly", "roughly", "approximately", "wondering",
            "wonder", "curious", "someone", "somebody", "anyone", "anybody", "whatever", "whenever", "wherever",
            "otherwise", "instead", "currently", "honestly", "basically", "probably", "likely", "somehow");

    /**
     * A number, possibly with a short unit written on ("110v", "1250w", "50.000", "60,000" as the search reads it, "60
     * 000"): not a word that names a subject. A time of day ("22h") is not one: like a code, it names a moment the passage
     * must hold.
     */
    private static final Pattern QUANTITY = Pattern.compile("\\d[\\d.,]*(?: \\d{3})*(?:[\\p{L}&&[^h]]\\p{L}{0,2})?");

    /** From this share of the question's content words unknown to every document, the question is about something else. */
    private static final double UNKNOWN_SHARE = 1 / 3.0;

    /**
     * The share of the question's content words that no document the customer may see holds as
     * written and that the {@link Lexicon} does not know either ("scooters" in "Do you sell electric
     * scooters?": a third). As written means with the marks it was typed with: "bát" in "máy rửa bát"
     * is a word the documents do not use, although they hold "bật" (same letters, other marks), so the
     * passages that match its folded form are about something else. One unknown word among several is
     * usually a paraphrase ("lost").
     */
    static double unknownShare(GroundingPrompt.Parsed prompt) {
        return unknownShare(prompt, prompt.question());
    }

    /** The same, over {@code text}: the question's asking sentences when it also tells a story. */
    private static double unknownShare(GroundingPrompt.Parsed prompt, String text) {
        String question = Lexicon.normalize(text);
        Set<String> terms = PassageRanker.terms(question);
        if (terms.isEmpty()) return 0;
        Set<String> known = Lexicon.conceptWords(question);
        long unknown = prompt.unusedTerms().stream().map(Language::fold)
                .filter(w -> terms.contains(w) && !known.contains(w) && !QUANTITY.matcher(w).matches()).count();
        return unknown / (double) terms.size();
    }

    /**
     * The question's words that no document the customer may see mentions in any form and that
     * look like a name or a code: written with a capital letter (as the first word, only when the
     * second has one too) or holding a digit ("Lotus", "Mart's", "KG100HQ", "RO900"). A name the
     * {@link Lexicon} knows in another spelling ("Hanoi" for "Hà Nội") is not new.
     */
    static List<String> novelNames(GroundingPrompt.Parsed prompt) {
        String q = prompt.question().strip();
        // a sentence starts with a capital anyway: there it marks a name only when the next word has one too ("Lotus Hotels")
        boolean firstIsName = TWO_CAPITALISED.matcher(q).matches();
        Set<String> known = Lexicon.conceptWords(Lexicon.normalize(prompt.question()));
        return prompt.unknownTerms().stream()
                .filter(w -> !w.startsWith("I'"))
                .filter(w -> !known.contains(Language.fold(w)))
                .filter(w -> w.chars().anyMatch(Character::isDigit) && !QUANTITY.matcher(w.toLowerCase(Locale.ROOT)).matches()
                        || (Character.isUpperCase(w.codePointAt(0)) && (firstIsName || !q.startsWith(w))))
                .toList();
    }

    /**
     * What a question asks that the passage quoted must hold, worked out once per question rather than
     * once per candidate passage: the words of a yes/no question ({@link YesNoQuestion},
     * {@link EnglishYesNoQuestion}), whether it asks for a price ({@link PriceQuestion}: an amount stated for the thing
     * priced, by a passage naming the model priced), which measured quantities it asks for ({@link QuantityQuestion}), the thing an open question asks for
     * ({@link OpenQuestion}: "how much sugar", "loại gas gì"), the places it names ({@link Places}: a passage
     * listing other cities is no answer for Nha Trang; an address needs the place named and, in a city the question
     * names, a street with its house number; "which country" a place),
     * the event or thing whose time or place it asks ({@link WhenWhereQuestion}: "bao giờ … có bản màu trắng") and
     * the quantities it states ({@link StatedQuantity}: "loại 1 lít", "năm 2027") and the thing it counts ({@link CountQuestion}:
     * "bao nhiêu nhân viên" needs a number of them) whether it asks who ({@link PersonQuestion}: a passage naming a person) and whether it asks about the customer's own
     * contract ({@link OwnContractQuestion}: contract terms, not a consumer page, when the customer may see any terms; a
     * consumer asking about "our contract" gets the public policy) and whether it asks when the company will launch,
     * open or change something ({@link PlanQuestion}: a passage giving a date) or which company, brand or bank
     * ({@link OrganisationQuestion}: a passage naming one) and whether it asks why ({@link WhyQuestion}: a passage
     * giving a reason).
     */
    private record WhatIsAsked(QuestionText question, boolean price, Set<String> models, List<String> yesNo, EnglishYesNoQuestion.Asked englishYesNo,
                               List<QuantityQuestion.Kind> quantities, OpenQuestion.Asked open, Set<String> places, boolean where,
                               boolean address, boolean whichPlace,
                               WhenWhereQuestion.Asked whenWhere, List<StatedQuantity.Stated> stated,
                               CountQuestion.Counted counted, boolean person, boolean ownContract, boolean plan,
                               boolean organisation, WhyQuestion.Asked why, Pattern unitPriced) {

        static WhatIsAsked of(QuestionText question) {
            return new WhatIsAsked(question, PriceQuestion.asks(question), PassageRanker.models(question.normalized()), YesNoQuestion.asked(question),
                    EnglishYesNoQuestion.of(question), QuantityQuestion.asks(question), OpenQuestion.of(question),
                    Places.named(question), Places.asksWhere(question), Places.asksAddress(question),
                    Places.asksWhichPlace(question), WhenWhereQuestion.of(question), StatedQuantity.of(question),
                    CountQuestion.of(question), PersonQuestion.asks(question), OwnContractQuestion.asks(question),
                    PlanQuestion.asks(question), OrganisationQuestion.asks(question), WhyQuestion.of(question),
                    PriceQuestion.unitPriced(question));
        }

        /**
         * For a question for the price of a model ("RO100 giá bao nhiêu"), whether a row or sentence of the passage states
         * an amount for that model ({@link PriceQuestion#statesAmountFor}): a passage that names none states other prices
         * ("lắp đặt máy lọc nước miễn phí"), one that names it in another row prices something else.
         */
        private boolean pricesModel(GroundingPrompt.Source s) {
            return models.isEmpty() || PriceQuestion.statesAmountFor(models, s.label(), s.text());
        }

        /** Whether a ranked passage (label and text) holds all of it. */
        boolean answeredBy(GroundingPrompt.Parsed prompt, PassageRanker.Ranked r) {
            return unmet(prompt, r, false).isEmpty();
        }

        /**
         * The checks a ranked passage fails, by name: the first one only unless {@code all} (the debug log names
         * every one for the best passages).
         */
        List<String> unmet(GroundingPrompt.Parsed prompt, PassageRanker.Ranked r, boolean all) {
            GroundingPrompt.Source s = prompt.sources().get(r.index());
            PassageText passage = new PassageText(s.label() + "\n" + s.text());
            List<String> unmet = new ArrayList<>(1);
            if (price && !(PriceQuestion.statesAmount(passage) && PriceQuestion.statesAmountOf(open, question, s.label(), s.text())
                    && pricesModel(s) && PriceQuestion.statesAmountPer(unitPriced, s.label(), s.text())) && fails(unmet, "price", all)) return unmet;
            List<String> notHeld = YesNoQuestion.notHeld(yesNo, question, passage);
            if (!notHeld.isEmpty() && fails(unmet, "yes/no " + notHeld, all)) return unmet;
            notHeld = englishYesNo.notHeld(question, passage);
            if (!notHeld.isEmpty() && fails(unmet, "english yes/no " + notHeld, all)) return unmet;
            if (!QuantityQuestion.statesAll(quantities, passage) && fails(unmet, "quantity " + quantities, all)) return unmet;
            if (!open.answeredBy(question, passage) && fails(unmet, "open " + open, all)) return unmet;
            if (!Places.answeredBy(places, where, passage) && fails(unmet, "places " + places, all)) return unmet;
            if (address && !Places.statesAddress(passage) && fails(unmet, "address", all)) return unmet;
            if (whichPlace && !Places.namesAny(passage) && fails(unmet, "which place", all)) return unmet;
            notHeld = whenWhere.notHeld(question, passage, s.lang());
            if (!notHeld.isEmpty() && fails(unmet, "when/where " + notHeld, all)) return unmet;
            if (!StatedQuantity.statedIn(stated, passage) && fails(unmet, "stated " + stated, all)) return unmet;
            if (!counted.countedIn(passage) && fails(unmet, "counted " + counted, all)) return unmet;
            if (person && !PersonQuestion.namesPerson(passage) && fails(unmet, "person", all)) return unmet;
            if (plan && !PlanQuestion.datedIn(passage) && fails(unmet, "plan", all)) return unmet;
            if (organisation && !OrganisationQuestion.namesOne(passage) && fails(unmet, "organisation", all)) return unmet;
            if (!why.answeredBy(s.label(), s.text(), s.lang()) && fails(unmet, "why", all)) return unmet;
            if (ownContract && !OwnContractQuestion.isTerms(s.label())
                    && prompt.sources().stream().anyMatch(o -> OwnContractQuestion.isTerms(o.label()))
                    && fails(unmet, "own contract", all)) return unmet;
            return unmet;
        }

        /** Notes a failed check; whether to stop at it. */
        private static boolean fails(List<String> unmet, String check, boolean all) {
            unmet.add(check);
            return !all;
        }
    }

    /** At most this many further-reading citations after the answer's own. */
    private static final int MAX_SEE_ALSO = 2;
    private static final Pattern FACT = Pattern.compile("(\\d+(?:[.,]\\d+)?)\\s*(%|[a-z]+)");

    /** Numbers with their unit in a text, folded ("12 thang", "3 m", "500000 d"): the facts two passages can share. */
    static Set<String> facts(String text) {
        Set<String> found = new HashSet<>();
        var m = FACT.matcher(Language.fold(text));
        while (m.find()) found.add(m.group(1).replace(',', '.') + " " + m.group(2));
        return found;
    }

    /**
     * From this share of the question's topic in compounds no passage holds, the rest of it is too
     * generic for a passage to be about it. One such pair among more topic words is a paraphrase
     * ("bấm phím", "trễ hạn") far more often.
     */
    private static final double UNKNOWN_COMPOUND_SHARE = 0.5;
    /** Below this share of the question's words found in the best passage, it is not about the question. */
    static final double MIN_COVERAGE = 0.34;
    /** How much more of the question a lower-scored passage must hold to be quoted instead of the best-scored one. */
    static final double WIDER_COVERAGE = 0.10;
    /** A second passage is offered as further reading when it scores this close to the best one. */
    private static final double SEE_ALSO_SHARE = 0.9;
    /** How close to the chosen passage's score one that states the value asked must be to be quoted instead. */
    private static final double VALUE_SHARE = 0.8;

    /** The document part of a source label ("Title › Heading" → "Title"). */
    private static String documentOf(GroundingPrompt.Source s) {
        int cut = s.label().indexOf(" › ");
        return cut < 0 ? s.label() : s.label().substring(0, cut);
    }

    /** The sentences that share the most words with the question, in document order. */
    static String extract(String passage, String question) {
        return extract(passage, question, null);
    }

    /**
     * The same; for a question that asks why ({@code whyLang} the passage's language, else null), a sentence that
     * gives a reason ({@link WhyQuestion#givesReason}) counts as one more word shared, so that the reason is quoted
     * before the sentences that only restate the fact.
     */
    static String extract(String passage, String question, String whyLang) {
        return extract(passage, QuestionText.of(question), whyLang, null);
    }

    /**
     * The same, the question read once ({@link QuestionText}): English words meet by their stem ("order" / "Orders
     * are held", "paid" / "unpaid" does not); a sentence that states the value the question asks for ({@link
     * AskedValue}: an amount, a period, a temperature) counts as four more words shared; and when the passage is
     * in the other language ({@code passageLang}), whose words the question's rarely are, each concept of the
     * question the sentence names in some form ({@link Lexicon}) counts as one.
     */
    static String extract(String passage, QuestionText question, String whyLang, String passageLang) {
        return extract(passage, question, AskedValue.of(question), whyLang, passageLang);
    }

    /** The same, with what the question asks for already read (the answerer read it to choose the passage). */
    private static String extract(String passage, QuestionText question, AskedValue value, String whyLang, String passageLang) {
        boolean english = question.english();
        Set<String> asked = terms(question.normalized(), english);
        List<Lexicon.Concept> concepts = passageLang != null && !passageLang.equals(english ? "en" : "vi")
                ? Lexicon.concepts(question.normalized()) : List.of();
        List<String> sentences = Arrays.stream(QUOTED_SENTENCE_END.split(passage))
                .map(OfflineGroundedModel::cleanLine)
                .filter(s -> s.length() > 2)
                .toList();
        if (sentences.isEmpty()) return passage.strip();
        record Scored(int index, String sentence, double score) {}
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            Set<String> words = terms(sentences.get(i), english);
            long overlap = words.stream().filter(asked::contains).count();
            if (whyLang != null && WhyQuestion.givesReason(sentences.get(i), whyLang)) overlap++;
            overlap += value.weight(sentences.get(i));
            if (!concepts.isEmpty()) {
                String padded = Lexicon.padded(sentences.get(i));
                for (Lexicon.Concept k : concepts) if (k.heldBy(padded)) overlap++;
            }
            scored.add(new Scored(i, sentences.get(i), overlap + 0.01 * (sentences.size() - i)));
        }
        List<Scored> top = scored.stream()
                .sorted(Comparator.comparingDouble(Scored::score).reversed())
                .limit(MAX_SENTENCES)
                .sorted(Comparator.comparingInt(Scored::index))
                .toList();
        StringBuilder out = new StringBuilder();
        for (Scored s : top) {
            if (out.length() + s.sentence().length() > MAX_ANSWER_CHARS && !out.isEmpty()) break;
            if (!out.isEmpty()) out.append(' ');
            out.append(s.sentence());
        }
        return out.toString();
    }

    /** Markdown noise off a line: list bullets, table pipes, emphasis. */
    private static String cleanLine(String line) {
        String s = line.strip();
        if (TABLE_RULE.matcher(s).matches()) return "";
        s = BULLET.matcher(s).replaceAll("").replace("**", "").replace("__", "");
        if (s.contains("|")) {
            s = Arrays.stream(s.split("\\|")).map(String::strip).filter(c -> !c.isEmpty())
                    .reduce((a, b) -> a + " — " + b).orElse("");
        }
        return s.strip();
    }

    private static Set<String> terms(String text, boolean english) {
        Set<String> terms = PassageRanker.terms(text);
        if (!english) return terms;
        Set<String> stems = new HashSet<>();
        for (String t : terms) stems.add(EnglishYesNoQuestion.stem(t));
        return stems;
    }

    /**
     * Where a quoted sentence ends: as {@link PassageRanker#SENTENCE_END}, but not after an abbreviation ("e.g.
     * MH2611230457", "TP. Hồ Chí Minh"), which would quote half a sentence.
     */
    private static final Pattern QUOTED_SENTENCE_END = Pattern.compile(
            "(?<!\\b(?:[Ee]\\.g|[Ii]\\.e|TP|Tp|etc|No|vs)\\.)(?<=[.!?…])\\s+|\\n+");

    private static String lastUserText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user) return user.singleText();
        }
        return "";
    }
}
