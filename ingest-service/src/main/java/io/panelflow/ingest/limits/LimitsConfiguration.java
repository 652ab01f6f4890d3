package io.panelflow.ingest.limits;

import io.panelflow.ingest.upload.UploadLimits;
import io.panelflow.model.spec.SpecLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The limits of this ingest service, read once at start (an unreadable value stops the service):
 * <ul>
 *   <li>{@link SpecLimits}: {@link SpecLimits#DEFAULT}, each overridable by {@code panelflow.limits.<key>}
 *       ({@link SpecLimits#KEYS});</li>
 *   <li>{@link UploadLimits}: {@code panelflow.upload.max-bytes}, {@code panelflow.upload.max-cell-chars},
 *       {@code panelflow.upload.xlsx.min-inflate-ratio}, {@code panelflow.upload.xlsx.max-entry-bytes},
 *       {@code panelflow.upload.xlsx.max-text-chars}, and the rows, columns and cells of the spec limits.</li>
 * </ul>
 */
@ApplicationScoped
public class LimitsConfiguration {

    @Produces
    @Singleton
    SpecLimits specLimits() {
        Config config = ConfigProvider.getConfig();
        return SpecLimits.from(key -> config.getOptionalValue(key, String.class));
    }

    @Produces
    @Singleton
    UploadLimits uploadLimits(SpecLimits spec) {
        Config config = ConfigProvider.getConfig();
        long maxBytes = config.getOptionalValue("panelflow.upload.max-bytes", Long.class)
                .orElse(UploadLimits.DEFAULT_MAX_BYTES);
        return new UploadLimits(maxBytes, spec)
                .withMaxCellChars(config.getOptionalValue("panelflow.upload.max-cell-chars", Integer.class)
                        .orElse(UploadLimits.DEFAULT_MAX_CELL_CHARS))
                .withXlsx(config.getOptionalValue("panelflow.upload.xlsx.min-inflate-ratio", Double.class)
                                .orElse(UploadLimits.DEFAULT_MIN_INFLATE_RATIO),
                        config.getOptionalValue("panelflow.upload.xlsx.max-entry-bytes", Long.class)
                                .orElse(UploadLimits.DEFAULT_MAX_ENTRY_BYTES),
                        config.getOptionalValue("panelflow.upload.xlsx.max-text-chars", Long.class)
                                .orElse(UploadLimits.DEFAULT_MAX_TEXT_CHARS));
    }
}
