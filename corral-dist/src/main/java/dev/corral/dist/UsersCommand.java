package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code corral users add|list|set|passwd|remove}: the web UI's users, of a running server ({@code
 * --url}, admin {@code --key}) or of a stopped one's data directory ({@code --data DIR}). A
 * password is never an argument (it would show in the process list and the shell history): it is
 * asked twice on the terminal, or read as the first line of standard input when that is not one
 * ({@code echo "$PW" | corral users add ...}).
 */
@Command(name = "users", mixinStandardHelpOptions = true,
    description = "Add, list, change and remove the web UI's users (docs/security.md, Users and sessions).",
    subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Set.class,
        UsersCommand.Passwd.class, UsersCommand.Remove.class})
public final class UsersCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * The password: asked twice without echo on a terminal, else the first line of standard input.
   *
   * @throws IllegalArgumentException when the two entries differ or nothing was given
   */
  static String password(String prompt) throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("%s: ", prompt);
      char[] again = console.readPassword("again: ");
      try {
        if (first == null || again == null || !Arrays.equals(first, again)) {
          throw new IllegalArgumentException("the two passwords differ");
        }
        return new String(first);
      } finally {
        Arrays.fill(first == null ? new char[0] : first, ' ');
        Arrays.fill(again == null ? new char[0] : again, ' ');
      }
    }
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (line == null || line.isEmpty()) {
      throw new IllegalArgumentException("no password on standard input: pipe it in, e.g. echo \"$PASSWORD\" | corral "
          + "users add ...");
    }
    return line;
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user; the password is asked (or read from stdin).")
  static final class Add implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The sign-in name (letters, digits, . _ - @).")
    String name;

    @Option(names = "--role", required = true, description = "viewer (reads), editor (reads, dashboards, alert rules, "
        + "silences) or admin (everything).")
    String role;

    @Option(names = "--services", split = ",", description = "Restrict reads to these services (globs), e.g. "
        + "'payment-*,checkout'; viewers only.")
    List<String> services = new ArrayList<>();

    @Mixin
    UserTarget target;

    @Override
    public Integer call() {
      return KeysCommand.report(() -> {
        JsonNode user = target.add(name, role, services, password("password for " + name));
        System.err.println("added user " + user.path("name").asText() + " (" + user.path("role").asText() + ")");
        return 0;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users (never a password).")
  static final class ListUsers implements Callable<Integer> {
    @Mixin
    UserTarget target;

    @Override
    public Integer call() {
      return KeysCommand.report(() -> {
        print(target.list(), System.out);
        return 0;
      });
    }

    static void print(JsonNode answer, PrintStream out) {
      String row = "%-24s  %-7s  %-20s  %s%n";
      out.printf(row, "NAME", "ROLE", "PASSWORD SET", "READS");
      for (JsonNode user : answer.path("users")) {
        List<String> services = new ArrayList<>();
        user.path("services").forEach(s -> services.add(s.asText()));
        out.printf(row, user.path("name").asText(), user.path("role").asText(),
            user.path("password_changed").asText().replaceFirst("\\.\\d+Z$", "Z"),
            services.isEmpty() ? "all" : String.join(",", services));
      }
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true, description = "Change a user's role and services.")
  static final class Set implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--role", required = true, description = "viewer, editor or admin.")
    String role;

    @Option(names = "--services", split = ",", description = "Restrict reads to these services (viewers only); "
        + "none given: all.")
    List<String> services = new ArrayList<>();

    @Mixin
    UserTarget target;

    @Override
    public Integer call() {
      return KeysCommand.report(() -> done(name, target.change(name, role, services, null), "changed"));
    }
  }

  @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a user's password (asked, or read from stdin).")
  static final class Passwd implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin
    UserTarget target;

    @Override
    public Integer call() {
      return KeysCommand.report(() -> done(name, target.change(name, null, List.of(), password("new password for "
          + name)), "set the password of"));
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user; their sessions end.")
  static final class Remove implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin
    UserTarget target;

    @Override
    public Integer call() {
      return KeysCommand.report(() -> done(name, target.remove(name), "removed"));
    }
  }

  private static int done(String name, Optional<JsonNode> user, String what) {
    if (user.isEmpty()) {
      System.err.println("corral: no user is named '" + name + "'");
      return 1;
    }
    System.out.println(what + " " + user.get().path("name").asText());
    return 0;
  }
}
