package dev.tandem.server.http;

import java.util.Map;

/** Stable error codes sent in {@code error} frames, with their text for people in both languages. */
final class ErrorCodes {

    static final String MALFORMED_JSON = "malformed_json";
    static final String UNKNOWN_TYPE = "unknown_type";
    static final String INVALID_FRAME = "invalid_frame";
    static final String HELLO_FIRST = "hello_required";
    static final String RATE_LIMITED = "rate_limited";
    static final String STORE_UNAVAILABLE = "store_unavailable";
    static final String SHUTTING_DOWN = "shutting_down";
    static final String INVALID_TOKEN = "invalid_identity_token";
    static final String INTERNAL = "internal_error";
    static final String TOO_MANY_CONNECTIONS = "too_many_connections";
    /** Counted only: the socket is closed with 1009 by Jetty, no frame can follow. */
    static final String FRAME_TOO_LARGE = "frame_too_large";
    /** Counted only: the upgrade is refused with 403. */
    static final String ORIGIN_REFUSED = "origin_refused";

    private static final Map<String, String[]> TEXT = Map.ofEntries(
            Map.entry(MALFORMED_JSON, new String[]{"The message is not valid JSON.", "Tin nhắn không phải JSON hợp lệ."}),
            Map.entry(UNKNOWN_TYPE, new String[]{"Unknown message type.", "Loại tin nhắn không được hỗ trợ."}),
            Map.entry(INVALID_FRAME, new String[]{"The message is missing a field or has a wrong value.", "Tin nhắn thiếu trường hoặc có giá trị sai."}),
            Map.entry(HELLO_FIRST, new String[]{"Send hello first.", "Hãy gửi hello trước."}),
            Map.entry(RATE_LIMITED, new String[]{"Too many messages; please wait a moment and resend.", "Bạn gửi quá nhanh; vui lòng đợi một chút rồi gửi lại."}),
            Map.entry(STORE_UNAVAILABLE, new String[]{"Your message could not be saved; it will be resent.", "Chưa lưu được tin nhắn; hệ thống sẽ gửi lại."}),
            Map.entry(SHUTTING_DOWN, new String[]{"The server is restarting; you will be reconnected.", "Máy chủ đang khởi động lại; bạn sẽ được kết nối lại."}),
            Map.entry(INVALID_TOKEN, new String[]{"Your sign-in could not be verified; you are chatting as a guest.", "Không xác minh được đăng nhập; bạn đang trò chuyện với tư cách khách."}),
            Map.entry(INTERNAL, new String[]{"Something went wrong on our side.", "Đã có lỗi phía máy chủ."}),
            Map.entry(TOO_MANY_CONNECTIONS, new String[]{"The server is full; please try again in a moment.", "Máy chủ đang quá tải; vui lòng thử lại sau giây lát."}));

    private ErrorCodes() {}

    static String message(String code, String lang) {
        String[] text = TEXT.getOrDefault(code, TEXT.get(INTERNAL));
        return "vi".equals(lang) ? text[1] : text[0];
    }
}
