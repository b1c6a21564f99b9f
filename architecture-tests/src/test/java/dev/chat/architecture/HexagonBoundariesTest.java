package dev.chat.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hexagon's boundaries, checked on the production classes of every module (bootstrap brings
 * them all onto the test class path). Test classes, the planted violations among them, are left out.
 */
class HexagonBoundariesTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.chat");
    private static final List<String> RINGS = List.of("dev.chat.domain", "dev.chat.application",
            "dev.chat.adapter.in", "dev.chat.adapter.out", "dev.chat.bootstrap");

    @Test
    void theDomainDependsOnNothingButTheJdk() {
        HexagonRules.THE_DOMAIN_DEPENDS_ON_NOTHING_BUT_THE_JDK.check(PRODUCTION);
    }

    @Test
    void theApplicationDependsOnlyOnTheDomainAndTheJdk() {
        HexagonRules.THE_APPLICATION_DEPENDS_ONLY_ON_THE_DOMAIN_AND_THE_JDK.check(PRODUCTION);
    }

    @Test
    void noAdapterDependsOnAnotherAdapter() {
        HexagonRules.NO_ADAPTER_DEPENDS_ON_ANOTHER_ADAPTER.check(PRODUCTION);
    }

    @Test
    void nothingButBootstrapDependsOnBootstrap() {
        HexagonRules.NOTHING_BUT_BOOTSTRAP_DEPENDS_ON_BOOTSTRAP.check(PRODUCTION);
    }

    @Test
    void theDomainAndTheApplicationCarryNoFrameworkAnnotations() {
        HexagonRules.THE_DOMAIN_AND_THE_APPLICATION_CARRY_NO_FRAMEWORK_ANNOTATIONS.check(PRODUCTION);
    }

    @Test
    void theApplicationsPackagesAreFreeOfCycles() {
        HexagonRules.THE_APPLICATIONS_PACKAGES_ARE_FREE_OF_CYCLES.check(PRODUCTION);
    }

    @Test
    void outboundPortsDependOnlyOnTheDomainAndTheJdk() {
        HexagonRules.OUTBOUND_PORTS_DEPEND_ONLY_ON_THE_DOMAIN_AND_THE_JDK.check(PRODUCTION);
    }

    @Test
    void inboundAdaptersCallOnlyUseCaseInterfaces() {
        HexagonRules.INBOUND_ADAPTERS_CALL_ONLY_USE_CASE_INTERFACES.check(PRODUCTION);
    }

    /** Rules that pass on an import missing a ring, or holding the planted classes, would prove nothing. */
    @Test
    void theRulesSeeEveryRingOfTheHexagonAndNothingPlanted() {
        Set<String> ringsSeen = PRODUCTION.stream()
                .map(JavaClass::getPackageName)
                .flatMap(name -> RINGS.stream().filter(ring -> name.equals(ring) || name.startsWith(ring + ".")))
                .collect(Collectors.toSet());

        assertThat(ringsSeen).as("rings of the hexagon with production classes").containsExactlyInAnyOrderElementsOf(RINGS);
        assertThat(PRODUCTION.stream().map(JavaClass::getName)).noneMatch(name -> name.contains(".planted."));
        // the outbound ports' rule looks at their package only, so its planted classes live there, named Planted...
        assertThat(PRODUCTION.stream().map(JavaClass::getName)).noneMatch(name -> name.startsWith(HexagonRules.PORT + ".Planted"));
    }

    /** The adapters wear Micronaut and Jakarta annotations: if none were seen, the annotation rules would be blind. */
    @Test
    void theRulesSeeTheAnnotationsOfTheProductionClasses() {
        assertThat(PRODUCTION.stream()
                .filter(javaClass -> javaClass.getPackageName().startsWith("dev.chat.adapter."))
                .flatMap(javaClass -> javaClass.getAnnotations().stream())
                .map(annotation -> annotation.getRawType().getPackageName()))
                .anyMatch(name -> name.startsWith("io.micronaut.") || name.startsWith("jakarta."));
    }
}
