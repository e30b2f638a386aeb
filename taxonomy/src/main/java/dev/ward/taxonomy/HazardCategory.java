package dev.ward.taxonomy;

import java.util.Objects;

/** One category of a taxonomy: its code, a short name the guard prompt lists, and a description. */
public record HazardCategory(HazardCode code, String name, String description) {
  public HazardCategory {
    Objects.requireNonNull(code, "code");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("category " + code + " needs a name");
    }
    if (name.contains("\n")) {
      throw new IllegalArgumentException("category " + code + " name must be one line");
    }
    description = description == null ? "" : description.strip();
    name = name.strip();
  }

  public HazardCategory(String code, String name, String description) {
    this(HazardCode.of(code), name, description);
  }

  public HazardCategory withDescription(String newDescription) {
    return new HazardCategory(code, name, newDescription);
  }

  public HazardCategory withName(String newName) {
    return new HazardCategory(code, newName, description);
  }
}
