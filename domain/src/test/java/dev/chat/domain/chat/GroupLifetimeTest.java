package dev.chat.domain.chat;

import dev.chat.domain.People;
import dev.chat.domain.Rejection;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static dev.chat.domain.People.ALICE;
import static dev.chat.domain.People.BOB;
import static dev.chat.domain.People.CAROL;
import static dev.chat.domain.People.nameOf;
import static dev.chat.domain.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random lives of a group: admins, members and strangers add, remove, leave, promote and rename in any
 * order. Every step either does exactly what the rules say or is refused for exactly the right
 * reason, and throughout, the group never outgrows its policy and never lacks an admin while it has
 * members.
 */
class GroupLifetimeTest {
    private static final ChatId GROUP_ID = new ChatId(UUID.fromString("00000000-0000-4000-8000-0000000000c1"));
    private static final GroupPolicy FIVE_AT_MOST = new GroupPolicy(5);
    /** More people than fit, so that "full", "already a member" and strangers all happen. */
    private static final List<UserId> EVERYONE = People.crowd(8);
    private static final String OUTCOME = "outcome";
    private static final String SUCCESSION = "the last admin went and a member took over";

    @Property(tries = 300)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void aGroupWithMembersNeverLacksAnAdminNorOutgrowsItsPolicy(@ForAll("livesOfAGroup") ActionChain<Group> life) {
        life.withInvariant("while it has members, one of them is an admin",
                        group -> assertThat(group.members().isEmpty() || group.members().stream().anyMatch(Membership::isAdmin))
                                .as("%s has members but no admin", group).isTrue())
                .withInvariant("never more members than the policy allows",
                        group -> assertThat(group.size()).isLessThanOrEqualTo(FIVE_AT_MOST.maxMembers()))
                .run();

        // a property whose lives never reach a succession would prove nothing about it
        Statistics.label(OUTCOME).coverage(coverage -> coverage.check(SUCCESSION).count(n -> n > 0));
    }

    @Provide
    Arbitrary<ActionChain<Group>> livesOfAGroup() {
        return ActionChain.<Group>startWith(() ->
                        Group.create(GROUP_ID, new GroupName("Friends"), ALICE, Set.of(BOB, CAROL), Position.START, FIVE_AT_MOST))
                .withAction(3, step(group -> Combinators.combine(actor(group), anyone(), nextJoiningPosition(group))
                        .as(AddMember::new)))
                .withAction(2, step(group -> Combinators.combine(actor(group), member(group)).as(RemoveMember::new)))
                .withAction(2, step(group -> member(group).map(Leave::new)))
                .withAction(2, step(group -> Combinators.combine(actor(group), member(group)).as(Promote::new)))
                .withAction(1, step(group -> Combinators.combine(actor(group), Arbitraries.of("Friends", "Family", "Work"))
                        .as((actor, name) -> new Rename(actor, new GroupName(name)))))
                .withMaxTransformations(40);
    }

    /** An action that draws an operation fitting the group as it is, and checks its outcome. */
    private static Action.Dependent<Group> step(Function<Group, Arbitrary<? extends Operation>> operations) {
        return group -> operations.apply(group)
                .map(operation -> Transformer.transform(operation.toString(), (Group before) -> applyAndCheck(before, operation)));
    }

    private static Group applyAndCheck(Group before, Operation operation) {
        Optional<Rejection> expectedRefusal = operation.expectedRefusal(before);
        if (expectedRefusal.isPresent()) {
            assertThat(refusalOf(() -> operation.applyTo(before))).as(operation.toString()).isEqualTo(expectedRefusal.get());
            Statistics.label(OUTCOME).collect("refused");
            return before;
        }
        Group after = operation.applyTo(before);
        operation.checkOutcome(before, after);
        return after;
    }

    // --- who does what: mostly admins and members, sometimes anybody at all ---

    private static Arbitrary<UserId> actor(Group group) {
        List<Tuple2<Integer, Arbitrary<UserId>>> choices = new ArrayList<>();
        choices.add(Tuple.of(1, anyone()));
        List<UserId> admins = group.members().stream().filter(Membership::isAdmin).map(Membership::userId).toList();
        if (!admins.isEmpty()) {
            choices.add(Tuple.of(3, Arbitraries.of(admins)));
        }
        if (!group.members().isEmpty()) {
            choices.add(Tuple.of(1, member(group)));
        }
        return frequencyOf(choices);
    }

    private static Arbitrary<UserId> member(Group group) {
        List<UserId> members = group.members().stream().map(Membership::userId).toList();
        return members.isEmpty() ? anyone() : frequencyOf(List.of(Tuple.of(4, Arbitraries.of(members)), Tuple.of(1, anyone())));
    }

    private static Arbitrary<UserId> anyone() {
        return Arbitraries.of(EVERYONE);
    }

    /** Joining positions grow with the log but may tie, as when several people are added at once. */
    private static Arbitrary<Position> nextJoiningPosition(Group group) {
        long latest = group.members().stream().mapToLong(m -> m.since().value()).max().orElse(0);
        return Arbitraries.longs().between(0, 2).map(gap -> new Position(latest + gap));
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<UserId> frequencyOf(List<Tuple2<Integer, Arbitrary<UserId>>> choices) {
        return Arbitraries.frequencyOf(choices.toArray(Tuple2[]::new));
    }

    // --- the operations, each with the rules that decide its outcome ---

    private sealed interface Operation {
        Group applyTo(Group group);

        /** The rejection the rules call for in this group, or empty when the operation is allowed. */
        Optional<Rejection> expectedRefusal(Group group);

        /** What must be true after the operation was allowed. */
        void checkOutcome(Group before, Group after);
    }

    private record AddMember(UserId actor, UserId newcomer, Position since) implements Operation {
        public Group applyTo(Group group) {
            return group.addMember(actor, newcomer, since, FIVE_AT_MOST);
        }

        public Optional<Rejection> expectedRefusal(Group group) {
            return refusalForNonAdmin(group, actor)
                    .or(() -> group.isMember(newcomer) ? Optional.of(Rejection.ALREADY_A_MEMBER) : Optional.empty())
                    .or(() -> group.size() >= FIVE_AT_MOST.maxMembers() ? Optional.of(Rejection.GROUP_FULL) : Optional.empty());
        }

        public void checkOutcome(Group before, Group after) {
            Map<UserId, Membership> expected = membershipsOf(before);
            expected.put(newcomer, new Membership(newcomer, Role.MEMBER, since));
            assertThat(membershipsOf(after)).as(toString()).isEqualTo(expected);
            Statistics.label(OUTCOME).collect("added");
        }

        @Override
        public String toString() {
            return nameOf(actor) + " adds " + nameOf(newcomer) + " at " + since;
        }
    }

    private record RemoveMember(UserId actor, UserId leaver) implements Operation {
        public Group applyTo(Group group) {
            return group.removeMember(actor, leaver);
        }

        public Optional<Rejection> expectedRefusal(Group group) {
            if (actor.equals(leaver)) {
                return new Leave(leaver).expectedRefusal(group);
            }
            return refusalForNonAdmin(group, actor)
                    .or(() -> group.isMember(leaver) ? Optional.empty() : Optional.of(Rejection.NOT_A_MEMBER));
        }

        public void checkOutcome(Group before, Group after) {
            checkDeparture(before, after, leaver, toString());
        }

        @Override
        public String toString() {
            return nameOf(actor) + " removes " + nameOf(leaver);
        }
    }

    private record Leave(UserId leaver) implements Operation {
        public Group applyTo(Group group) {
            return group.leave(leaver);
        }

        public Optional<Rejection> expectedRefusal(Group group) {
            return group.isMember(leaver) ? Optional.empty() : Optional.of(Rejection.CHAT_NOT_FOUND);
        }

        public void checkOutcome(Group before, Group after) {
            checkDeparture(before, after, leaver, toString());
        }

        @Override
        public String toString() {
            return nameOf(leaver) + " leaves";
        }
    }

    private record Promote(UserId actor, UserId member) implements Operation {
        public Group applyTo(Group group) {
            return group.promote(actor, member);
        }

        public Optional<Rejection> expectedRefusal(Group group) {
            return refusalForNonAdmin(group, actor)
                    .or(() -> group.isMember(member) ? Optional.empty() : Optional.of(Rejection.NOT_A_MEMBER));
        }

        public void checkOutcome(Group before, Group after) {
            Map<UserId, Membership> expected = membershipsOf(before);
            expected.put(member, expected.get(member).withRole(Role.ADMIN));
            assertThat(membershipsOf(after)).as(toString()).isEqualTo(expected);
            Statistics.label(OUTCOME).collect("promoted");
        }

        @Override
        public String toString() {
            return nameOf(actor) + " promotes " + nameOf(member);
        }
    }

    private record Rename(UserId actor, GroupName name) implements Operation {
        public Group applyTo(Group group) {
            return group.rename(actor, name);
        }

        public Optional<Rejection> expectedRefusal(Group group) {
            return refusalForNonAdmin(group, actor);
        }

        public void checkOutcome(Group before, Group after) {
            assertThat(after.name()).isEqualTo(name);
            assertThat(membershipsOf(after)).as(toString()).isEqualTo(membershipsOf(before));
            Statistics.label(OUTCOME).collect("renamed");
        }

        @Override
        public String toString() {
            return nameOf(actor) + " renames the group " + name;
        }
    }

    /** Strangers are told the group does not exist; members who are not admins are told so. */
    private static Optional<Rejection> refusalForNonAdmin(Group group, UserId actor) {
        Optional<Membership> membership = group.membershipOf(actor);
        if (membership.isEmpty()) {
            return Optional.of(Rejection.CHAT_NOT_FOUND);
        }
        return membership.get().isAdmin() ? Optional.empty() : Optional.of(Rejection.NOT_AN_ADMIN);
    }

    /**
     * After someone leaves or is removed, the others keep their places; only when no admin is left
     * does one member, among those who joined earliest, become admin.
     */
    private static void checkDeparture(Group before, Group after, UserId leaver, String description) {
        Map<UserId, Membership> remaining = membershipsOf(before);
        remaining.remove(leaver);
        Map<UserId, Membership> actual = membershipsOf(after);
        assertThat(actual.keySet()).as(description).isEqualTo(remaining.keySet());

        boolean anAdminRemained = remaining.values().stream().anyMatch(Membership::isAdmin);
        if (anAdminRemained || remaining.isEmpty()) {
            assertThat(actual).as(description).isEqualTo(remaining);
            Statistics.label(OUTCOME).collect(remaining.isEmpty() ? "the last member left" : "left");
            return;
        }
        long earliest = remaining.values().stream().mapToLong(m -> m.since().value()).min().orElseThrow();
        List<UserId> promoted = actual.values().stream()
                .filter(m -> !m.equals(remaining.get(m.userId())))
                .map(Membership::userId)
                .toList();
        assertThat(promoted).as("%s: exactly one member takes over as admin", description).hasSize(1);
        Membership successor = actual.get(promoted.get(0));
        assertThat(successor.role()).as(description).isEqualTo(Role.ADMIN);
        assertThat(successor.since().value()).as("%s: the successor is among the longest-standing", description)
                .isEqualTo(earliest);
        Statistics.label(OUTCOME).collect(SUCCESSION);
    }

    private static Map<UserId, Membership> membershipsOf(Group group) {
        Map<UserId, Membership> memberships = new HashMap<>();
        group.members().forEach(m -> memberships.put(m.userId(), m));
        return memberships;
    }
}
