package dev.tandem.server.agent;

/** What the bot says in its own words, in Vietnamese and English. */
final class Phrases {

    private Phrases() {}

    static String dontKnow(String lang) {
        return lang.equals("vi")
                ? "Xin lỗi, tôi chưa tìm thấy thông tin này trong tài liệu hỗ trợ. Bạn có muốn nói chuyện với nhân viên hỗ trợ không?"
                : "Sorry, I couldn't find this in our support documents. Would you like to talk to a support agent?";
    }

    static String unavailable(String lang) {
        return lang.equals("vi")
                ? "Xin lỗi, trợ lý đang gặp sự cố. Bạn có muốn nói chuyện với nhân viên hỗ trợ không?"
                : "Sorry, the assistant is having trouble right now. Would you like to talk to a support agent?";
    }
}
