package io.surgewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.surgewatch.config.ConfigException;
import org.apache.flink.util.ParameterTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job jar's entry point reads its flags and files before any job exists, and says what is wrong. */
class DetectMainTest {
    @TempDir
    Path dir;

    @Test
    void readsTheConfigAndTheFlagsOfAClusterSubmission() throws Exception {
        Path config = Files.writeString(dir.resolve("c.yaml"), "kafka:\n  group_id: city-detect\nflink:\n  checkpoints:\n    interval: 30s\n");
        DetectLaunch launch = DetectMain.launch(ParameterTool.fromArgs(new String[] {"--config", config.toString(), "--parallelism", "4", "--bounded"}));
        assertEquals("city-detect", launch.config().kafka().groupId());
        assertEquals(Duration.ofSeconds(30), launch.config().flink().checkpoints().interval());
        assertEquals(4, launch.config().flink().parallelism());
        assertTrue(launch.bounded());
        DetectLaunch forever = DetectMain.launch(ParameterTool.fromArgs(new String[] {"--config", config.toString()}));
        assertFalse(forever.bounded());
        assertEquals(0, forever.config().flink().parallelism(), "the cluster's default");
    }

    @Test
    void aMissingConfigAnUnknownFlagAndABadFileFailBeforeAnyJobIsBuilt() throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> DetectMain.launch(ParameterTool.fromArgs(new String[0])));
        assertTrue(missing.getMessage().startsWith("--config FILE is required"), missing.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> DetectMain.launch(ParameterTool.fromArgs(new String[] {"--config", "c.yaml", "--paralelism", "2"})));
        assertTrue(unknown.getMessage().startsWith("unknown flag --paralelism"), unknown.getMessage());
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "flink:\n  checkpoints:\n    state_backend: memory\n");
        ConfigException e = assertThrows(ConfigException.class, () -> DetectMain.launch(ParameterTool.fromArgs(new String[] {"--config", bad.toString()})));
        assertTrue(e.getMessage().contains("bad.yaml:3:5: flink.checkpoints.state_backend: cannot read 'memory'"), e.getMessage());
    }
}
