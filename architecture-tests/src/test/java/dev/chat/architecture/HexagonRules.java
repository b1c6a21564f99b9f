package dev.chat.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.Optional;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The hexagon's boundaries as ArchUnit rules, written against package names so that they hold
 * whatever Maven modules the packages live in. Each rule is checked on the production classes
 * ({@code HexagonBoundariesTest}) and shown to fail on a planted violation
 * ({@code HexagonRulesCatchPlantedViolationsTest}): a rule that cannot fail proves nothing.
 */
public final class HexagonRules {
    static final String JDK = "java..";
    static final String DOMAIN = "dev.chat.domain..";
    static final String APPLICATION = "dev.chat.application..";
    static final String BOOTSTRAP = "dev.chat.bootstrap..";
    /** The outbound ports: this package itself (rule 7 does not look into subpackages). */
    static final String PORT = "dev.chat.application.port";
    static final String INBOUND_ADAPTERS = "dev.chat.adapter.in..";

    private HexagonRules() {
    }

    /** (1) Annotations count as dependencies here (ArchUnit 1.x reads them), so a framework stereotype fails it too. */
    public static final ArchRule THE_DOMAIN_DEPENDS_ON_NOTHING_BUT_THE_JDK = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, JDK)
            .as("the domain depends on nothing but the JDK")
            .because("the model is plain Java: no framework, no javax/jakarta, no annotations from anywhere else");

    /** (2) The application may use the domain, never an adapter, the bootstrap or a framework. */
    public static final ArchRule THE_APPLICATION_DEPENDS_ONLY_ON_THE_DOMAIN_AND_THE_JDK = classes()
            .that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, JDK)
            .as("the application depends only on the domain and the JDK")
            .because("use cases reach the world through their ports; no technology lives in them");

    /**
     * (3) One slice per direction and technology ({@code in.websocket}, {@code out.jdbc}, ...): any
     * dependency between two slices is an inbound adapter on an outbound one, or one technology on
     * another. Adapters depend inward only, on the application and the domain.
     */
    public static final ArchRule NO_ADAPTER_DEPENDS_ON_ANOTHER_ADAPTER = slices()
            .matching("dev.chat.adapter.(*).(*)..").namingSlices("adapter $1.$2")
            .should().notDependOnEachOther()
            .as("no adapter depends on another adapter")
            .because("adapters depend inward only; a technology can then be replaced without touching the others");

    /** (4) */
    public static final ArchRule NOTHING_BUT_BOOTSTRAP_DEPENDS_ON_BOOTSTRAP = noClasses()
            .that().resideOutsideOfPackage(BOOTSTRAP)
            .should().dependOnClassesThat().resideInAPackage(BOOTSTRAP)
            .as("nothing but bootstrap depends on bootstrap")
            .because("bootstrap assembles the application and sees everything; nothing may see it");

    /**
     * (5) Rules 1 and 2 already refuse foreign annotations as dependencies; this rule names the
     * offence directly and looks at every place an annotation can sit in bytecode (class, field,
     * method, constructor, parameter). The core may define annotations of its own, but not ones
     * that are themselves meta-annotated by a framework (a stereotype that makes every use case a
     * bean). Annotations with SOURCE retention never reach the bytecode, so no class-reading rule
     * can see them.
     */
    public static final ArchRule THE_DOMAIN_AND_THE_APPLICATION_CARRY_NO_FRAMEWORK_ANNOTATIONS = classes()
            .that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should(carryNoFrameworkAnnotation())
            .as("the domain and the application carry no framework annotations")
            .because("the core is wired from outside (a factory in bootstrap or an adapter), never annotated");

    /**
     * (6) One slice per package under the application ({@code chats}, {@code delivery},
     * {@code identity}, {@code messaging}, {@code port}, {@code presence}): the slices may depend
     * on each other one way only.
     */
    public static final ArchRule THE_APPLICATIONS_PACKAGES_ARE_FREE_OF_CYCLES = slices()
            .matching("dev.chat.application.(*)..").namingSlices("application $1")
            .should().beFreeOfCycles()
            .as("the application's packages are free of cycles")
            .because("each package of the core can then be read, tested and changed from the bottom up");

    /**
     * (7) An outbound port speaks the domain's language: a port that hands out or takes a
     * use case's class ties every adapter implementing it to that use case.
     */
    public static final ArchRule OUTBOUND_PORTS_DEPEND_ONLY_ON_THE_DOMAIN_AND_THE_JDK = classes()
            .that().resideInAPackage(PORT)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, JDK, PORT)
            .as("outbound ports depend only on the domain, the JDK and their own package")
            .because("adapters implement the ports from the domain's types, without knowing any use case");

    /**
     * (8) Inbound adapters drive the core through its inbound ports: the {@code ...UseCase}
     * interfaces, their command and result types, and the callback types of
     * {@code application.delivery} ({@code DeviceSink}, {@code DeviceEvent}, {@code DeviceSession}).
     * They use no outbound port (nor a port's nested types, its exceptions among them) and no
     * concrete use case, that is, no class of the application that implements a {@code ...UseCase}
     * or {@code ...UseCases} interface.
     */
    public static final ArchRule INBOUND_ADAPTERS_CALL_ONLY_USE_CASE_INTERFACES = classes()
            .that().resideInAPackage(INBOUND_ADAPTERS)
            .should(dependOnNoOutboundPortNorConcreteUseCase())
            .as("inbound adapters call only use-case interfaces")
            .because("outbound ports are the core's business, and a use case is wired behind its interface");

    private static ArchCondition<JavaClass> dependOnNoOutboundPortNorConcreteUseCase() {
        return new ArchCondition<>("depend on no outbound port and on no class implementing a use-case interface") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    if (target.getPackageName().equals(PORT) || target.getPackageName().startsWith(PORT + ".")) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + ": <" + target.getName() + "> is an outbound port, which only the core may use"));
                    } else {
                        useCaseImplementedBy(target).ifPresent(useCase -> events.add(SimpleConditionEvent.violated(
                                dependency, dependency.getDescription() + ": <" + target.getName()
                                        + "> is a concrete use case, call its interface <" + useCase.getName() + ">")));
                    }
                }
            }
        };
    }

    /** The use-case interface a non-interface class of the application implements, if it is a use case. */
    private static Optional<JavaClass> useCaseImplementedBy(JavaClass type) {
        String packageName = type.getPackageName();
        if (type.isInterface()
                || !(packageName.equals("dev.chat.application") || packageName.startsWith("dev.chat.application."))) {
            return Optional.empty();
        }
        return type.getAllRawInterfaces().stream()
                .filter(candidate -> candidate.getSimpleName().endsWith("UseCase")
                        || candidate.getSimpleName().endsWith("UseCases"))
                .findFirst();
    }

    private static final DescribedPredicate<JavaAnnotation<?>> FROM_OUTSIDE_THE_JDK_AND_THE_CORE = DescribedPredicate.describe(
            "from outside the JDK and the core", annotation -> !isFromTheJdkOrTheCore(annotation.getRawType()));

    private static ArchCondition<JavaClass> carryNoFrameworkAnnotation() {
        return new ArchCondition<>("carry no annotation from outside the JDK, nor one meta-annotated from outside it") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                report(javaClass.getAnnotations().stream(), javaClass.getName(), events);
                for (JavaMember member : javaClass.getMembers()) {
                    report(member.getAnnotations().stream(), member.getFullName(), events);
                    if (member instanceof JavaCodeUnit codeUnit) {
                        for (JavaParameter parameter : codeUnit.getParameters()) {
                            report(parameter.getAnnotations().stream(),
                                    "parameter " + parameter.getIndex() + " of " + codeUnit.getFullName(), events);
                        }
                    }
                }
            }

            private void report(Stream<? extends JavaAnnotation<?>> annotations, String place, ConditionEvents events) {
                annotations.forEach(annotation -> {
                    JavaClass type = annotation.getRawType();
                    if (FROM_OUTSIDE_THE_JDK_AND_THE_CORE.test(annotation)) {
                        events.add(SimpleConditionEvent.violated(annotation,
                                "<" + place + "> is annotated with @" + type.getName()));
                    } else if (type.isMetaAnnotatedWith(FROM_OUTSIDE_THE_JDK_AND_THE_CORE)) {
                        events.add(SimpleConditionEvent.violated(annotation, "<" + place + "> is annotated with @"
                                + type.getName() + ", which is meta-annotated from outside the JDK"));
                    }
                });
            }
        };
    }

    private static boolean isFromTheJdkOrTheCore(JavaClass type) {
        String packageName = type.getPackageName();
        return Stream.of("java", "dev.chat.domain", "dev.chat.application")
                .anyMatch(root -> packageName.equals(root) || packageName.startsWith(root + "."));
    }
}
