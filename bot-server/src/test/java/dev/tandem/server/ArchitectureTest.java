package dev.tandem.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The two dependency lines of STYLE.md: only http knows Javalin; bot-server never touches Lucene. */
class ArchitectureTest {

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tandem.server");

    @Test
    void only_the_http_package_imports_javalin() {
        noClasses().that().resideOutsideOfPackage("dev.tandem.server.http..")
                .should().dependOnClassesThat().resideInAPackage("io.javalin..")
                .check(SERVER);
    }

    @Test
    void the_server_never_imports_lucene() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.lucene..")
                .check(SERVER);
    }

    @Test
    void the_conversation_engine_does_not_depend_on_the_web_layer_or_the_agent() {
        noClasses().that().resideInAPackage("dev.tandem.server.chat..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tandem.server.http..", "dev.tandem.server.agent..", "dev.langchain4j..")
                .check(SERVER);
    }
}
