package org.gdxhub.archive.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Pattern;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;

/**
 * The documents' bytes in a directory ({@code <root>/<yyyy>/<MM>/<id>.<type>}), written once
 * (temp file + atomic move), readable only by the hub's user: extracts hold personal data.
 * The same layout works on a volume shared by several hub instances.
 */
public class FileSystemArchiveContent {

  /** The kinds of file a document has. */
  public enum Type {
    PDF("pdf"), CSV("csv");

    final String extension;

    Type(String extension) {
      this.extension = extension;
    }
  }

  private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

  private final Path root;

  public FileSystemArchiveContent(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public void write(String id, Instant created, Type type, byte[] bytes) {
    Path file = file(id, created, type);
    try {
      Files.createDirectories(file.getParent());
      ownerOnly(root, true);
      Path tmp = Files.createTempFile(file.getParent(), id, ".tmp");
      ownerOnly(tmp, false);
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file);
      }
    } catch (IOException e) {
      throw new HubException(ErrorCode.ARCHIVE_UNAVAILABLE, "cannot write to the archive " + root + ": " + e.getMessage(), e);
    }
  }

  public Optional<byte[]> read(String id, Instant created, Type type) {
    Path file = file(id, created, type);
    try {
      return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    } catch (IOException e) {
      throw new HubException(ErrorCode.ARCHIVE_UNAVAILABLE, "cannot read from the archive: " + e.getMessage(), e);
    }
  }

  /** Deletes the file if it exists; true when it existed. */
  public boolean delete(String id, Instant created, Type type) {
    try {
      return Files.deleteIfExists(file(id, created, type));
    } catch (IOException e) {
      throw new HubException(ErrorCode.ARCHIVE_UNAVAILABLE, "cannot delete from the archive: " + e.getMessage(), e);
    }
  }

  public boolean exists(String id, Instant created, Type type) {
    return Files.exists(file(id, created, type));
  }

  Path file(String id, Instant created, Type type) {
    if (!ID.matcher(id).matches()) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "not a document id: " + id);
    }
    var date = created.atOffset(ZoneOffset.UTC);
    return root.resolve(String.format("%04d", date.getYear())).resolve(String.format("%02d", date.getMonthValue()))
        .resolve(id + "." + type.extension);
  }

  private static void ownerOnly(Path path, boolean directory) throws IOException {
    if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"));
    }
  }
}
