package dev.chat.domain.chat;

import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.Require;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A named group chat with members and admins. Immutable: every change returns the new group.
 * Invariants: never more members than the policy allows; while it has members, at least one of
 * them is an admin (when the last admin leaves, the longest-standing member is promoted).
 *
 * <p>A group carries the {@linkplain #version() version} of the stored group it was read as (0 for
 * a group never stored). Every change keeps that version: it says which stored version the change
 * was based on, so that a store can refuse a change based on a version that is no longer the
 * latest (optimistic concurrency, see the application's {@code ChatRepository}). The version is
 * bookkeeping of the store, not part of the group's value: two groups with the same id, name and
 * members are equal whatever versions they carry.
 */
public final class Group implements Chat {
    /** The version of a group that was never stored. */
    public static final long NEVER_STORED = 0;

    private final ChatId id;
    private final GroupName name;
    private final Map<UserId, Membership> members;
    private final long version;

    /** A group that was never stored (version 0). */
    public Group(ChatId id, GroupName name, Collection<Membership> members) {
        this(id, name, members, NEVER_STORED);
    }

    /** A group as stored at the given version (0: never stored). */
    public Group(ChatId id, GroupName name, Collection<Membership> members, long version) {
        this.id = Require.present(id, "chat id");
        this.name = Require.present(name, "group name");
        Require.that(version >= 0, "a group's version is never negative");
        Map<UserId, Membership> copy = new LinkedHashMap<>();
        for (Membership m : Require.present(members, "members")) {
            copy.put(m.userId(), m);
        }
        this.members = Collections.unmodifiableMap(copy);
        this.version = version;
    }

    /** A new group: the creator is its first admin, the others join as members. */
    public static Group create(ChatId id, GroupName name, UserId creator, Set<UserId> others,
                               Position since, GroupPolicy policy) {
        Map<UserId, Membership> members = new LinkedHashMap<>();
        members.put(creator, new Membership(creator, Role.ADMIN, since));
        for (UserId other : others) {
            members.putIfAbsent(other, new Membership(other, Role.MEMBER, since));
        }
        if (members.size() > policy.maxMembers()) {
            throw RejectedException.of(Rejection.GROUP_FULL,
                    "a group may have at most " + policy.maxMembers() + " members");
        }
        return new Group(id, name, members.values());
    }

    @Override
    public ChatId id() {
        return id;
    }

    public GroupName name() {
        return name;
    }

    /**
     * The stored version this group was read as, or that the group it was derived from was read
     * as; 0 for a group never stored.
     */
    public long version() {
        return version;
    }

    @Override
    public Collection<Membership> members() {
        return members.values();
    }

    public int size() {
        return members.size();
    }

    @Override
    public Optional<Membership> membershipOf(UserId user) {
        return Optional.ofNullable(members.get(user));
    }

    public Group rename(UserId actor, GroupName newName) {
        requireAdmin(actor);
        return new Group(id, newName, members.values(), version);
    }

    public Group addMember(UserId actor, UserId newcomer, Position since, GroupPolicy policy) {
        requireAdmin(actor);
        if (members.containsKey(newcomer)) {
            throw RejectedException.of(Rejection.ALREADY_A_MEMBER, "the user is already a member");
        }
        if (members.size() >= policy.maxMembers()) {
            throw RejectedException.of(Rejection.GROUP_FULL,
                    "a group may have at most " + policy.maxMembers() + " members");
        }
        Map<UserId, Membership> next = new LinkedHashMap<>(members);
        next.put(newcomer, new Membership(newcomer, Role.MEMBER, since));
        return new Group(id, name, next.values(), version);
    }

    /** An admin removes someone; removing yourself is leaving. */
    public Group removeMember(UserId actor, UserId leaver) {
        if (actor.equals(leaver)) {
            return leave(actor);
        }
        requireAdmin(actor);
        if (!members.containsKey(leaver)) {
            throw RejectedException.of(Rejection.NOT_A_MEMBER, "the user is not a member");
        }
        return without(leaver);
    }

    public Group leave(UserId leaver) {
        requireMember(leaver);
        return without(leaver);
    }

    public Group promote(UserId actor, UserId member) {
        requireAdmin(actor);
        Membership target = members.get(member);
        if (target == null) {
            throw RejectedException.of(Rejection.NOT_A_MEMBER, "the user is not a member");
        }
        Map<UserId, Membership> next = new LinkedHashMap<>(members);
        next.put(member, target.withRole(Role.ADMIN));
        return new Group(id, name, next.values(), version);
    }

    private Group without(UserId leaver) {
        Map<UserId, Membership> next = new LinkedHashMap<>(members);
        next.remove(leaver);
        boolean adminLeft = next.values().stream().anyMatch(Membership::isAdmin);
        if (!adminLeft && !next.isEmpty()) {
            Membership eldest = next.values().stream()
                    .min(Comparator.comparing(Membership::since)).orElseThrow();
            next.put(eldest.userId(), eldest.withRole(Role.ADMIN));
        }
        return new Group(id, name, next.values(), version);
    }

    private void requireAdmin(UserId actor) {
        if (!requireMember(actor).isAdmin()) {
            throw RejectedException.of(Rejection.NOT_AN_ADMIN, "only a group admin may do this");
        }
    }

    /** Equal when id, name and members (with roles and join positions) are: the version is not compared. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Group g && g.id.equals(id) && g.name.equals(name) && g.members.equals(members);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Group[" + id + ", " + name + ", " + members.size() + " members, version " + version + "]";
    }
}
