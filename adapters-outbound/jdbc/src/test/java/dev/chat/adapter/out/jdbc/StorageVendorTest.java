package dev.chat.adapter.out.jdbc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dialect setting picks the vendor; H2 when unset, and a clear error for what is not supported. */
class StorageVendorTest {
    @Test
    void the_dialect_names_the_vendor() {
        assertThat(StorageVendor.of(null)).isEqualTo(StorageVendor.H2);
        assertThat(StorageVendor.of("h2")).isEqualTo(StorageVendor.H2);
        assertThat(StorageVendor.of("POSTGRES")).isEqualTo(StorageVendor.POSTGRES);
        assertThat(StorageVendor.of("postgresql")).isEqualTo(StorageVendor.POSTGRES);
    }

    @Test
    void an_unsupported_dialect_is_refused_by_name() {
        assertThatThrownBy(() -> StorageVendor.of("MYSQL")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MYSQL").hasMessageContaining("H2 and POSTGRES");
    }
}
