package dev.corral.ship.decode;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Kubernetes container log came from, read from its file name under {@code /var/log/containers}:
 * {@code <pod>_<namespace>_<container>-<container id>.log} (the kubelet's symlink name; pod, namespace and container
 * names are DNS labels, so none holds an underscore).
 *
 * @param pod         the pod's name
 * @param namespace   the pod's namespace
 * @param container   the container's name
 * @param containerId the runtime's container id (64 hex digits)
 */
public record ContainerFileName(String pod, String namespace, String container, String containerId) {
  private static final Pattern NAME = Pattern.compile("([^_]+)_([^_]+)_(.+)-([0-9a-f]{64})\\.log");

  /** The parts of {@code file}'s name, or empty when it is not a kubelet log name. */
  public static Optional<ContainerFileName> of(Path file) {
    Path name = file.getFileName();
    Matcher matcher = name == null ? null : NAME.matcher(name.toString());
    if (matcher == null || !matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(new ContainerFileName(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4)));
  }

  /** {@code fields} with {@code kubernetes.pod.name}, {@code kubernetes.namespace}, {@code kubernetes.container.name}, {@code container.id}. */
  public StaticFields addTo(StaticFields fields) {
    return fields.with("kubernetes.namespace", namespace)
        .with("kubernetes.pod.name", pod)
        .with("kubernetes.container.name", container)
        .with("container.id", containerId);
  }
}
