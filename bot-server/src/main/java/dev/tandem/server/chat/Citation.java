package dev.tandem.server.chat;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A numbered source under a bot answer, as the widget shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Citation(int n, String title, String heading, String url, String snippet, String doc) {}
