package dev.tandem.server.agent;

/** What the bot says in its own words, in Vietnamese and English. */
final class Phrases {

    private Phrases() {}

    static String dontKnow(String lang) {
        return vi(lang)
                ? "Xin lỗi, mình chưa tìm thấy thông tin này trong tài liệu hỗ trợ. Bạn có muốn nói chuyện với nhân viên hỗ trợ không?"
                : "Sorry, I couldn't find this in our support documents. Would you like to talk to a support agent?";
    }

    static String unavailable(String lang) {
        return vi(lang)
                ? "Xin lỗi, trợ lý đang gặp sự cố. Bạn có muốn nói chuyện với nhân viên hỗ trợ không?"
                : "Sorry, the assistant is having trouble right now. Would you like to talk to a support agent?";
    }

    /** Appended to a fallback answer when the language model failed. */
    static String fallbackNote(String lang) {
        return vi(lang)
                ? "(Trợ lý đang trả lời ở chế độ rút gọn. Nếu cần, mình có thể chuyển bạn cho nhân viên hỗ trợ.)"
                : "(The assistant is answering in a reduced mode. I can connect you with a support agent if you like.)";
    }

    static String greeting(String lang) {
        return vi(lang)
                ? "Xin chào! Mình là trợ lý hỗ trợ khách hàng. Bạn cần hỏi gì về sản phẩm, bảo hành, đơn hàng hay hợp đồng?"
                : "Hello! I'm the customer-support assistant. How can I help with products, warranty, orders or your contract?";
    }

    static String thanks(String lang) {
        return vi(lang)
                ? "Không có gì ạ! Bạn cần hỗ trợ thêm điều gì cứ nhắn cho mình nhé."
                : "You're welcome! Let me know if there is anything else I can help with.";
    }

    static String escalated(String lang, String accountManager) {
        if (accountManager != null && !accountManager.isBlank()) {
            return vi(lang)
                    ? "Mình đã chuyển yêu cầu của quý khách cho quản lý tài khoản " + accountManager + "; anh/chị ấy sẽ phản hồi sớm theo SLA trong hợp đồng."
                    : "I have passed your request to your account manager, " + accountManager + ", who will get back to you within your contract's SLA.";
        }
        return vi(lang)
                ? "Mình đã chuyển cuộc trò chuyện cho nhân viên hỗ trợ. Bạn vui lòng chờ trong giây lát nhé."
                : "I have passed this conversation to a support agent. Please wait a moment.";
    }

    static String needsAccount(String lang) {
        return vi(lang)
                ? "Thông tin tài khoản và hợp đồng chỉ dành cho khách hàng doanh nghiệp đã đăng nhập. Bạn có muốn nói chuyện với nhân viên hỗ trợ không?"
                : "Account and contract details are only available to signed-in business customers. Would you like to talk to a support agent?";
    }

    static String warrantyNotFound(String lang, String number) {
        return vi(lang)
                ? "Mình không tìm thấy thông tin bảo hành cho số " + number + ". Bạn kiểm tra lại số serial hoặc số đơn hàng giúp mình, hoặc mình chuyển bạn cho nhân viên hỗ trợ nhé?"
                : "I couldn't find a warranty registration for " + number + ". Please check the serial or order number, or would you like to talk to a support agent?";
    }

    /** A lookup that found nothing, then what the documents say to the rest of the question (an answer with its citations). */
    static String warrantyNotFoundButDocuments(String lang, String fromDocuments) {
        return vi(lang)
                ? "Mình không tìm thấy thông tin bảo hành cho số này trong hệ thống. " + fromDocuments
                        + " Bạn kiểm tra lại số serial hoặc số đơn hàng giúp mình, hoặc mình chuyển bạn cho nhân viên hỗ trợ nhé?"
                : "I couldn't find a warranty registration for this number. " + fromDocuments
                        + " Please check the serial or order number, or would you like to talk to a support agent?";
    }

    static String warranty(String lang, String number, String product, String expiry, boolean inWarranty, String basis) {
        String why = basis == null || basis.isBlank() ? "" : " (" + basis + ")";
        if (vi(lang)) {
            return inWarranty
                    ? "Sản phẩm " + product + " (số " + number + ") còn bảo hành đến ngày " + expiry + why + "."
                    : "Sản phẩm " + product + " (số " + number + ") đã hết bảo hành từ ngày " + expiry + why + ". Bạn có muốn nói chuyện với nhân viên hỗ trợ về sửa chữa có phí không?";
        }
        return inWarranty
                ? "Your " + product + " (" + number + ") is under warranty until " + expiry + why + "."
                : "Your " + product + " (" + number + ") has been out of warranty since " + expiry + why + ". Would you like to talk to a support agent about a paid repair?";
    }

    static String noTickets(String lang) {
        return vi(lang) ? "Hiện quý công ty không có yêu cầu hỗ trợ nào đang mở." : "Your account has no open tickets right now.";
    }

    static String ticketsHeader(String lang, int count) {
        return vi(lang) ? "Quý công ty có " + count + " yêu cầu hỗ trợ đang mở:" : "Your account has " + count + " open ticket(s):";
    }

    static String accountSummary(String lang, String company, String tier, String manager, String email) {
        return vi(lang)
                ? company + ": hạng SLA " + tier + ", quản lý tài khoản " + manager + (email == null ? "" : " (" + email + ")") + "."
                : company + ": SLA tier " + tier + ", account manager " + manager + (email == null ? "" : " (" + email + ")") + ".";
    }

    static String refusedOutput(String lang) {
        return vi(lang)
                ? "Xin lỗi, mình không thể chia sẻ nội dung đó. Mình có thể giúp gì khác về sản phẩm hay dịch vụ không?"
                : "Sorry, I can't share that. Is there anything else about our products or services I can help with?";
    }

    static String tooLong(String lang) {
        return vi(lang)
                ? "Tin nhắn hơi dài, mình chỉ đọc phần đầu. "
                : "Your message is long; I read only its beginning. ";
    }

    static String budgetSpent(String lang) {
        return vi(lang)
                ? "Cuộc trò chuyện này đã dài; để hỗ trợ tốt hơn, bạn có muốn nói chuyện với nhân viên hỗ trợ không?"
                : "This conversation has become long; would you like to talk to a support agent for further help?";
    }

    private static boolean vi(String lang) {
        return !"en".equals(lang);
    }
}
