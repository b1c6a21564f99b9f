package dev.chat.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.chat.adapter.in.rest.planted.RestCallingConcreteGroupUseCases;
import dev.chat.adapter.in.rest.planted.RestCatchingAnOutboundPortFailure;
import dev.chat.adapter.in.rest.planted.RestReusingWebSocketFrames;
import dev.chat.adapter.in.websocket.planted.WebSocketCallingAConcreteUseCase;
import dev.chat.adapter.in.websocket.planted.WebSocketCallingJdbc;
import dev.chat.adapter.in.websocket.planted.WebSocketCallingTheUseCaseInterfaces;
import dev.chat.adapter.in.websocket.planted.WebSocketFrameStandIn;
import dev.chat.adapter.out.inprocess.planted.InProcessUsingJdbc;
import dev.chat.adapter.out.jdbc.planted.JdbcImplementingAPort;
import dev.chat.adapter.out.jdbc.planted.JdbcStandIn;
import dev.chat.adapter.out.metrics.planted.MetricsReadingBootstrap;
import dev.chat.application.delivery.planted.DeliveryReportingPresence;
import dev.chat.application.delivery.planted.DeliverySessionStandIn;
import dev.chat.application.planted.ApplicationAnnotatedAsABean;
import dev.chat.application.planted.ApplicationCallingAnAdapter;
import dev.chat.application.planted.ApplicationStandIn;
import dev.chat.application.planted.ApplicationWithAStereotype;
import dev.chat.application.planted.ApplicationWithItsOwnMarker;
import dev.chat.application.planted.GroupStandInUseCases;
import dev.chat.application.planted.PostStandInCommand;
import dev.chat.application.planted.PostStandInUseCase;
import dev.chat.application.planted.PostingStandIn;
import dev.chat.application.planted.RenamingStandIn;
import dev.chat.application.planted.SweepStandInUseCases;
import dev.chat.application.planted.SweepingStandIn;
import dev.chat.application.planted.UseCaseMarker;
import dev.chat.application.planted.UseCaseStereotype;
import dev.chat.application.port.PlantedPortHandingOutSessions;
import dev.chat.application.port.PlantedTokenVerifier;
import dev.chat.application.presence.planted.PresenceTrackingSessions;
import dev.chat.bootstrap.planted.BootstrapStandIn;
import dev.chat.domain.planted.DomainAnnotatedAsABean;
import dev.chat.domain.planted.DomainReachingIntoTheApplication;
import dev.chat.domain.planted.DomainStandIn;
import dev.chat.domain.planted.DomainUsingTheFramework;
import dev.chat.domain.planted.DomainWithAnAnnotatedParameter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each rule fails on a violation planted under the real package names (in the test sources, so the
 * production checks never see them). Each planted set is imported on its own, class by class.
 */
class HexagonRulesCatchPlantedViolationsTest {

    @Nested
    class TheDomainDependsOnNothingButTheJdk {
        private final ArchRule rule = HexagonRules.THE_DOMAIN_DEPENDS_ON_NOTHING_BUT_THE_JDK;

        @Test
        void failsOnAFrameworkTypeInDomainCode() {
            assertViolation(rule, planted(DomainUsingTheFramework.class),
                    DomainUsingTheFramework.class.getName(), "jakarta.inject.Provider");
        }

        @Test
        void failsOnADomainClassWhoseOnlyForeignDependencyIsAnAnnotation() {
            assertViolation(rule, planted(DomainAnnotatedAsABean.class),
                    DomainAnnotatedAsABean.class.getName(), "jakarta.inject.Singleton");
        }

        @Test
        void failsOnAnAnnotationOnAParameter() {
            assertViolation(rule, planted(DomainWithAnAnnotatedParameter.class),
                    DomainWithAnAnnotatedParameter.class.getName(), "jakarta.inject.Named");
        }

        @Test
        void failsWhenTheDomainReachesIntoTheApplication() {
            assertViolation(rule, planted(DomainReachingIntoTheApplication.class),
                    DomainReachingIntoTheApplication.class.getName(), ApplicationStandIn.class.getName());
        }
    }

    @Nested
    class TheApplicationDependsOnlyOnTheDomainAndTheJdk {
        private final ArchRule rule = HexagonRules.THE_APPLICATION_DEPENDS_ONLY_ON_THE_DOMAIN_AND_THE_JDK;

        @Test
        void failsOnAUseCaseAnnotatedForTheFramework() {
            assertViolation(rule, planted(ApplicationAnnotatedAsABean.class),
                    ApplicationAnnotatedAsABean.class.getName(), "io.micronaut.core.annotation.Introspected");
        }

        @Test
        void failsWhenTheApplicationCallsAnAdapter() {
            assertViolation(rule, planted(ApplicationCallingAnAdapter.class),
                    ApplicationCallingAnAdapter.class.getName(), JdbcStandIn.class.getName());
        }
    }

    @Nested
    class NoAdapterDependsOnAnotherAdapter {
        private final ArchRule rule = HexagonRules.NO_ADAPTER_DEPENDS_ON_ANOTHER_ADAPTER;

        @Test
        void failsWhenAnInboundAdapterCallsAnOutboundOne() {
            assertViolation(rule, planted(WebSocketCallingJdbc.class, JdbcStandIn.class),
                    WebSocketCallingJdbc.class.getName(), JdbcStandIn.class.getName());
        }

        @Test
        void failsWhenOneInboundTechnologyUsesAnother() {
            assertViolation(rule, planted(RestReusingWebSocketFrames.class, WebSocketFrameStandIn.class),
                    RestReusingWebSocketFrames.class.getName(), WebSocketFrameStandIn.class.getName());
        }

        @Test
        void failsWhenOneOutboundTechnologyUsesAnother() {
            assertViolation(rule, planted(InProcessUsingJdbc.class, JdbcStandIn.class),
                    InProcessUsingJdbc.class.getName(), JdbcStandIn.class.getName());
        }

        @Test
        void letsAnAdapterDependInwardAndOnItsOwnTechnology() {
            JavaClasses inward = planted(JdbcImplementingAPort.class, JdbcStandIn.class,
                    ApplicationStandIn.class, DomainAnnotatedAsABean.class);

            assertThat(rule.evaluate(inward).hasViolation()).isFalse();
        }
    }

    @Nested
    class NothingButBootstrapDependsOnBootstrap {
        private final ArchRule rule = HexagonRules.NOTHING_BUT_BOOTSTRAP_DEPENDS_ON_BOOTSTRAP;

        @Test
        void failsWhenAnAdapterReadsTheBootstrap() {
            assertViolation(rule, planted(MetricsReadingBootstrap.class, BootstrapStandIn.class),
                    MetricsReadingBootstrap.class.getName(), BootstrapStandIn.class.getName());
        }

        @Test
        void letsTheBootstrapSeeEveryModule() {
            JavaClasses assembly = planted(BootstrapStandIn.class, JdbcStandIn.class);

            assertThat(rule.evaluate(assembly).hasViolation()).isFalse();
        }
    }

    @Nested
    class TheDomainAndTheApplicationCarryNoFrameworkAnnotations {
        private final ArchRule rule = HexagonRules.THE_DOMAIN_AND_THE_APPLICATION_CARRY_NO_FRAMEWORK_ANNOTATIONS;

        @Test
        void failsOnAnAnnotatedDomainClass() {
            assertViolation(rule, planted(DomainAnnotatedAsABean.class),
                    DomainAnnotatedAsABean.class.getName(), "@jakarta.inject.Singleton");
        }

        @Test
        void failsOnAnAnnotatedParameter() {
            assertViolation(rule, planted(DomainWithAnAnnotatedParameter.class),
                    DomainWithAnAnnotatedParameter.class.getName() + ".echo(java.lang.String)", "@jakarta.inject.Named");
        }

        @Test
        void failsOnAnAnnotatedUseCase() {
            assertViolation(rule, planted(ApplicationAnnotatedAsABean.class),
                    ApplicationAnnotatedAsABean.class.getName(), "@io.micronaut.core.annotation.Introspected");
        }

        @Test
        void failsOnTheCoresOwnStereotypeWhenAFrameworkMetaAnnotatesIt() {
            assertViolation(rule, planted(ApplicationWithAStereotype.class, UseCaseStereotype.class),
                    ApplicationWithAStereotype.class.getName(), "meta-annotated from outside the JDK");
        }

        @Test
        void letsTheCoreUseAnnotationsOfTheJdkAndOfItsOwn() {
            JavaClasses plain = planted(ApplicationWithItsOwnMarker.class, UseCaseMarker.class);

            assertThat(rule.evaluate(plain).hasViolation()).isFalse();
        }

        @Test
        void leavesAFrameworkTypeUsedInCodeToTheDependencyRule() {
            // this rule is about annotations only; rule 1 is the one that refuses the type itself
            assertThat(rule.evaluate(planted(DomainUsingTheFramework.class)).hasViolation()).isFalse();
            assertThat(HexagonRules.THE_DOMAIN_DEPENDS_ON_NOTHING_BUT_THE_JDK
                    .evaluate(planted(DomainUsingTheFramework.class)).hasViolation()).isTrue();
        }
    }

    @Nested
    class TheApplicationsPackagesAreFreeOfCycles {
        private final ArchRule rule = HexagonRules.THE_APPLICATIONS_PACKAGES_ARE_FREE_OF_CYCLES;

        @Test
        void failsOnACycleBetweenDeliveryAndPresence() {
            JavaClasses cycle = planted(DeliveryReportingPresence.class, DeliverySessionStandIn.class,
                    PresenceTrackingSessions.class);

            // one detail per cycle: the slices on it, then the dependencies along each edge
            assertViolation(rule, cycle, "Cycle detected: application ", DeliveryReportingPresence.class.getName());
            assertViolation(rule, cycle, "Dependencies of application delivery", PresenceTrackingSessions.class.getName());
            assertViolation(rule, cycle, "Dependencies of application presence", DeliverySessionStandIn.class.getName());
        }

        @Test
        void letsOnePackageDependOnAnotherOneWay() {
            JavaClasses oneWay = planted(PresenceTrackingSessions.class, DeliverySessionStandIn.class);

            assertThat(rule.evaluate(oneWay).hasViolation()).isFalse();
        }
    }

    @Nested
    class OutboundPortsDependOnlyOnTheDomainAndTheJdk {
        private final ArchRule rule = HexagonRules.OUTBOUND_PORTS_DEPEND_ONLY_ON_THE_DOMAIN_AND_THE_JDK;

        @Test
        void failsOnAPortHandingOutADeliveryClass() {
            assertViolation(rule, planted(PlantedPortHandingOutSessions.class, DeliverySessionStandIn.class),
                    PlantedPortHandingOutSessions.class.getName(), DeliverySessionStandIn.class.getName());
        }

        @Test
        void letsAPortUseTheDomainTheJdkAndItsOwnPackage() {
            JavaClasses port = planted(PlantedTokenVerifier.class, PlantedTokenVerifier.InvalidToken.class,
                    DomainStandIn.class);

            assertThat(rule.evaluate(port).hasViolation()).isFalse();
        }
    }

    @Nested
    class InboundAdaptersCallOnlyUseCaseInterfaces {
        private final ArchRule rule = HexagonRules.INBOUND_ADAPTERS_CALL_ONLY_USE_CASE_INTERFACES;

        @Test
        void failsOnAnInboundAdapterCatchingAnOutboundPortsException() {
            assertViolation(rule, planted(RestCatchingAnOutboundPortFailure.class, PlantedTokenVerifier.class,
                            PlantedTokenVerifier.InvalidToken.class, PostStandInUseCase.class, PostStandInCommand.class),
                    RestCatchingAnOutboundPortFailure.class.getName(),
                    "<" + PlantedTokenVerifier.InvalidToken.class.getName() + "> is an outbound port");
        }

        @Test
        void failsOnAnInboundAdapterHoldingAConcreteUseCase() {
            assertViolation(rule, planted(WebSocketCallingAConcreteUseCase.class, PostingStandIn.class,
                            PostStandInUseCase.class, PostStandInCommand.class),
                    WebSocketCallingAConcreteUseCase.class.getName(),
                    "<" + PostingStandIn.class.getName() + "> is a concrete use case, call its interface <"
                            + PostStandInUseCase.class.getName() + ">");
        }

        @Test
        void failsOnAConcreteUseCaseBehindANestedUseCaseInterface() {
            assertViolation(rule, planted(RestCallingConcreteGroupUseCases.class, RenamingStandIn.class,
                            GroupStandInUseCases.RenameStandInUseCase.class, SweepingStandIn.class, SweepStandInUseCases.class),
                    RestCallingConcreteGroupUseCases.class.getName(),
                    "<" + RenamingStandIn.class.getName() + "> is a concrete use case");
        }

        @Test
        void failsOnAConcreteUseCaseBehindAUseCasesInterface() {
            assertViolation(rule, planted(RestCallingConcreteGroupUseCases.class, RenamingStandIn.class,
                            GroupStandInUseCases.RenameStandInUseCase.class, SweepingStandIn.class, SweepStandInUseCases.class),
                    RestCallingConcreteGroupUseCases.class.getName(),
                    "<" + SweepingStandIn.class.getName() + "> is a concrete use case");
        }

        @Test
        void letsAnInboundAdapterCallTheUseCaseInterfacesAndHoldTheCallbackTypes() {
            JavaClasses inward = planted(WebSocketCallingTheUseCaseInterfaces.class, PostStandInUseCase.class,
                    PostStandInCommand.class, GroupStandInUseCases.class, GroupStandInUseCases.RenameStandInUseCase.class,
                    SweepStandInUseCases.class, DeliverySessionStandIn.class, ApplicationStandIn.class, DomainStandIn.class);

            assertThat(rule.evaluate(inward).hasViolation()).isFalse();
        }
    }

    private static JavaClasses planted(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    /** The rule reports the planted class with its offending dependency, and {@code check} fails the build. */
    private static void assertViolation(ArchRule rule, JavaClasses planted, String offender, String offence) {
        EvaluationResult result = rule.evaluate(planted);

        assertThat(result.hasViolation()).as("%s should be violated", rule.getDescription()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail).contains(offender).contains(offence));
        assertThatThrownBy(() -> rule.check(planted)).isInstanceOf(AssertionError.class);
    }
}
