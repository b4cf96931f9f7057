package dev.corral.ship.inputs;

import dev.corral.ship.Input;
import dev.corral.ship.decode.RecordAssembly;
import dev.corral.ship.files.FilesInput;
import dev.corral.ship.journald.JournaldInput;
import dev.corral.ship.stdin.StdinInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the configured inputs: the entry point of the reading side for {@code corral ship}. */
public final class Inputs {
  private Inputs() {}

  /**
   * Opens one {@link Input} per configuration, each with its registry file in {@code registryDir} (created when
   * missing). Nothing is read until an input's {@code run} is called.
   *
   * @throws IOException when the registry directory or a registry file cannot be read, naming it; the inputs
   *     opened before are closed
   */
  public static List<Input> open(List<InputConfig> configs, Path registryDir) throws IOException {
    List<Input> inputs = new ArrayList<>();
    try {
      for (InputConfig config : configs) {
        inputs.add(open(config, registryDir));
      }
    } catch (IOException | RuntimeException e) {
      inputs.forEach(Input::close);
      throw e;
    }
    return List.copyOf(inputs);
  }

  static Input open(InputConfig config, Path registryDir) throws IOException {
    RecordAssembly assembly = config.assembly();
    return switch (config.type()) {
      case FILES, CONTAINERS -> new FilesInput(config.filesSettings(), registryDir);
      case STDIN -> new StdinInput(config.name(), System.in, assembly, config.maxLineBytes());
      case JOURNALD -> new JournaldInput(config.name(), config.command(), config.startAtEnd(), assembly, registryDir);
    };
  }
}
