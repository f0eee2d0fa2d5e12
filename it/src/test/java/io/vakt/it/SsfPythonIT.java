package io.vakt.it;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ServerSideFunction scenarios of {@link SsfScenarios} driven by Autobahn|Python (Debian's python3-autobahn,
 * asyncio) with {@code it/src/test/python/ssf_autobahn.py} over {@code wamp.2.msgpack}, the serializer
 * ArrigoLocal's services use.
 */
class SsfPythonIT extends SsfScenarios {
    static final String SCRIPT = "ssf_autobahn.py";
    /** As in {@link WampClients}: a pyenv or venv setting would send the system interpreter to the wrong modules. */
    private static final List<String> PYTHON_ENV_TO_DROP = List.of("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV");

    @Override
    void assumeClientInstalled() {
        WampClients.assumePython();
        // the script is part of this module, so its absence is a broken checkout, never a reason to skip
        assertThat(scriptDir().resolve(SCRIPT)).as("the SSF client script").isRegularFile();
    }

    @Override
    WampClientProcess launch(String label, Map<String, Object> options) {
        Path dir = scriptDir();
        List<String> command = List.of(WampClients.python(), dir.resolve(SCRIPT).toString(), WampClientProcess.json(options));
        // no .pyc files in the source tree
        return WampClientProcess.start(label, command, dir, Map.of("PYTHONDONTWRITEBYTECODE", "1"), PYTHON_ENV_TO_DROP);
    }

    @Override
    String serializer() { return "msgpack"; }

    private static Path scriptDir() { return Path.of(System.getProperty(WampClients.PYTHON_DIR_PROPERTY)); }
}
