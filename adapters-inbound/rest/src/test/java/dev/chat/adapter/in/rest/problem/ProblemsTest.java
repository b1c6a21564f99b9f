package dev.chat.adapter.in.rest.problem;

import dev.chat.domain.Rejection;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rejections become problem details with the rejection's code and a fitting HTTP status. */
class ProblemsTest {

    @Test
    void aConcurrentChangeThatCouldNotBeAbsorbedIsAConflictTheClientMayRetry() {
        assertThat(Problems.statusOf(Rejection.CONFLICT).getCode()).isEqualTo(HttpStatus.CONFLICT.getCode()).isEqualTo(409);

        MutableHttpResponse<Problem> response = Problems.response(Problems.statusOf(Rejection.CONFLICT),
                Rejection.CONFLICT.code(), "the group changed concurrently; retry", "/api/v1/groups/g/members");

        assertThat(response.getStatus().getCode()).isEqualTo(409);
        Problem problem = response.body();
        assertThat(problem.code()).isEqualTo("conflict");
        assertThat(problem.type()).isEqualTo("urn:chat:problem:conflict");
        assertThat(problem.status()).isEqualTo(409);
    }

    @Test
    void theGroupRulesThatRefuseAChangeAreConflictsToo() {
        for (Rejection rejection : new Rejection[] {Rejection.NOT_A_GROUP, Rejection.ALREADY_A_MEMBER,
                Rejection.NOT_A_MEMBER, Rejection.GROUP_FULL, Rejection.USERNAME_TAKEN}) {
            assertThat(Problems.statusOf(rejection).getCode()).as(rejection.code()).isEqualTo(409);
        }
    }

    @Test
    void everyRejectionHasAClientErrorStatus() {
        for (Rejection rejection : Rejection.values()) {
            assertThat(Problems.statusOf(rejection).getCode()).as(rejection.code()).isBetween(400, 499);
        }
    }
}
