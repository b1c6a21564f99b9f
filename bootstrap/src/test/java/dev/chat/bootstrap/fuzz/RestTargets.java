package dev.chat.bootstrap.fuzz;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the REST fuzzer's requests name: the fuzzer, its fixed chats (it never leaves them, so
 * that every valid send to them must be stored), others' chats, users, and what the fuzzing itself
 * creates (groups, presence sessions), drawn from as it grows.
 */
record RestTargets(FuzzUser fuzzer, String password, List<String> memberChats, List<String> otherChats,
                   List<String> users, List<String> createdGroups, List<String> sessions, String p256dh, String auth) {
    static RestTargets of(FuzzUser fuzzer, String password, List<String> memberChats, List<String> otherChats,
                          List<String> users, String p256dh, String auth) {
        return new RestTargets(fuzzer, password, memberChats, otherChats, users, new CopyOnWriteArrayList<>(),
                new CopyOnWriteArrayList<>(), p256dh, auth);
    }

    /** One of a list that grows while the fuzzer runs, or {@code otherwise} while it is empty. */
    static String pick(List<String> growing, int index, String otherwise) {
        int size = growing.size();
        return size == 0 ? otherwise : growing.get(Math.floorMod(index, size));
    }
}
