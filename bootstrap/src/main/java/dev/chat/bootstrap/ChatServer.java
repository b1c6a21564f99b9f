package dev.chat.bootstrap;

import io.micronaut.runtime.Micronaut;

/** Starts the chat backend: REST API on Netty, WebSocket gateway on Jetty, on the embedded default unless configured otherwise. */
public final class ChatServer {
    private ChatServer() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(ChatServer.class).banner(false).start();
    }
}
