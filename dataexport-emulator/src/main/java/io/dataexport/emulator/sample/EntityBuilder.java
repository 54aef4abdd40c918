package io.dataexport.emulator.sample;

import io.dataexport.emulator.metadata.AttributeDefinition;
import io.dataexport.emulator.metadata.AttributeKind;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.metadata.Label;
import io.dataexport.emulator.metadata.OptionDefinition;
import io.dataexport.emulator.metadata.OptionSetDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Fluent description of one sample entity; keeps the sample organisation readable. */
final class EntityBuilder {
  private final String logicalName;
  private final String schemaName;
  private final String entitySetName;
  private final String displayName;
  private final int objectTypeCode;
  private final List<AttributeDefinition> attributes = new ArrayList<>();
  private boolean changeTracking = true;
  private boolean intersect;
  private String primaryId;
  private String primaryName;

  EntityBuilder(
      String logicalName,
      String schemaName,
      String entitySetName,
      String displayName,
      int objectTypeCode) {
    this.logicalName = logicalName;
    this.schemaName = schemaName;
    this.entitySetName = entitySetName;
    this.displayName = displayName;
    this.objectTypeCode = objectTypeCode;
  }

  static UUID metadataId(String... parts) {
    return UUID.nameUUIDFromBytes(
        ("dataexport-emulator:" + String.join("/", parts)).getBytes(StandardCharsets.UTF_8));
  }

  EntityBuilder changeTrackingDisabled() {
    changeTracking = false;
    return this;
  }

  EntityBuilder intersect() {
    intersect = true;
    return this;
  }

  EntityBuilder primaryId(String name, String display) {
    primaryId = name;
    return add(name, display, AttributeKind.UNIQUEIDENTIFIER, null, null, null, null, List.of());
  }

  EntityBuilder primaryName(String name, String display, int maxLength) {
    primaryName = name;
    return string(name, display, maxLength);
  }

  EntityBuilder string(String name, String display, int maxLength) {
    return add(name, display, AttributeKind.STRING, maxLength, null, null, null, List.of());
  }

  EntityBuilder memo(String name, String display, int maxLength) {
    return add(name, display, AttributeKind.MEMO, maxLength, null, null, null, List.of());
  }

  EntityBuilder integer(String name, String display, int min, int max) {
    return add(name, display, AttributeKind.INTEGER, null, null, min, max, List.of());
  }

  EntityBuilder bigInt(String name, String display) {
    return add(
        name, display, AttributeKind.BIGINT, null, null, Long.MIN_VALUE, Long.MAX_VALUE, List.of());
  }

  EntityBuilder decimal(String name, String display, int precision, double min, double max) {
    return add(name, display, AttributeKind.DECIMAL, null, precision, min, max, List.of());
  }

  EntityBuilder floatingPoint(String name, String display, int precision, double min, double max) {
    return add(name, display, AttributeKind.DOUBLE, null, precision, min, max, List.of());
  }

  EntityBuilder money(String name, String display) {
    return add(
        name,
        display,
        AttributeKind.MONEY,
        null,
        2,
        -922337203685477.0,
        922337203685477.0,
        List.of());
  }

  EntityBuilder bool(String name, String display, String trueEnglish, String trueGerman) {
    OptionSetDefinition twoOptions =
        new OptionSetDefinition(
            logicalName + "_" + name,
            false,
            "Boolean",
            List.of(
                OptionDefinition.of(0, "No", "Nein"),
                OptionDefinition.of(1, trueEnglish, trueGerman)));
    attributes.add(
        attribute(name, display, AttributeKind.BOOLEAN, null, null, null, null, List.of())
            .withOptionSet(twoOptions));
    return this;
  }

  EntityBuilder dateTime(String name, String display) {
    return add(name, display, AttributeKind.DATETIME, null, null, null, null, List.of());
  }

  EntityBuilder dateOnly(String name, String display) {
    attributes.add(
        attribute(name, display, AttributeKind.DATETIME, null, null, null, null, List.of())
            .asDateOnly());
    return this;
  }

  EntityBuilder uniqueIdentifier(String name, String display) {
    return add(name, display, AttributeKind.UNIQUEIDENTIFIER, null, null, null, null, List.of());
  }

  EntityBuilder lookup(String name, String display, String... targets) {
    return add(name, display, AttributeKind.LOOKUP, null, null, null, null, List.of(targets));
  }

  EntityBuilder customer(String name, String display) {
    return add(
        name,
        display,
        AttributeKind.CUSTOMER,
        null,
        null,
        null,
        null,
        List.of("account", "contact"));
  }

  /** The {@code ownerid} owner lookup and its {@code owneridtype} entity-name companion. */
  EntityBuilder owner() {
    add(
        "ownerid",
        "Owner",
        AttributeKind.OWNER,
        null,
        null,
        null,
        null,
        List.of("systemuser", "team"));
    return add(
        "owneridtype", "Owner Type", AttributeKind.ENTITY_NAME, null, null, null, null, List.of());
  }

  EntityBuilder picklist(String name, String display, OptionSetDefinition optionSet) {
    attributes.add(
        attribute(name, display, AttributeKind.PICKLIST, null, null, null, null, List.of())
            .withOptionSet(optionSet));
    return this;
  }

  EntityBuilder multiSelect(String name, String display, OptionSetDefinition optionSet) {
    attributes.add(
        attribute(
                name,
                display,
                AttributeKind.MULTI_SELECT_PICKLIST,
                null,
                null,
                null,
                null,
                List.of())
            .withOptionSet(optionSet));
    return this;
  }

  /** {@code statecode} and {@code statuscode}, with their option sets. */
  EntityBuilder stateAndStatus(List<OptionDefinition> states, List<OptionDefinition> statuses) {
    attributes.add(
        attribute("statecode", "Status", AttributeKind.STATE, null, null, null, null, List.of())
            .withOptionSet(
                new OptionSetDefinition(logicalName + "_statecode", false, "State", states)));
    attributes.add(
        attribute(
                "statuscode",
                "Status Reason",
                AttributeKind.STATUS,
                null,
                null,
                null,
                null,
                List.of())
            .withOptionSet(
                new OptionSetDefinition(logicalName + "_statuscode", false, "Status", statuses)));
    return this;
  }

  /** {@code createdon}, {@code modifiedon} and {@code versionnumber}, present on every entity. */
  EntityBuilder systemColumns() {
    dateTime("createdon", "Created On");
    dateTime("modifiedon", "Modified On");
    return bigInt("versionnumber", "Version Number");
  }

  EntityDefinition build() {
    return new EntityDefinition(
        logicalName,
        schemaName,
        entitySetName,
        new Label(Map.of(Label.ENGLISH, displayName)),
        objectTypeCode,
        changeTracking,
        intersect,
        primaryId,
        primaryName,
        metadataId("entity", logicalName),
        attributes);
  }

  private EntityBuilder add(
      String name,
      String display,
      AttributeKind kind,
      Integer maxLength,
      Integer precision,
      Number min,
      Number max,
      List<String> targets) {
    attributes.add(
        attribute(name, display, kind, maxLength, precision, min, max, targets).definition());
    return this;
  }

  private PendingAttribute attribute(
      String name,
      String display,
      AttributeKind kind,
      Integer maxLength,
      Integer precision,
      Number min,
      Number max,
      List<String> targets) {
    return new PendingAttribute(
        new AttributeDefinition(
            name,
            schemaNameOf(name, display),
            kind,
            new Label(Map.of(Label.ENGLISH, display)),
            maxLength,
            precision,
            min,
            max,
            false,
            targets,
            null,
            metadataId("attribute", logicalName, name)));
  }

  private static String schemaNameOf(String logicalName, String display) {
    if (logicalName.startsWith("cr_")) {
      return logicalName;
    }
    return display.replaceAll("[^A-Za-z0-9]", "");
  }

  /** An attribute under construction, for the few settings most attributes do not have. */
  private record PendingAttribute(AttributeDefinition definition) {
    AttributeDefinition withOptionSet(OptionSetDefinition optionSet) {
      AttributeDefinition d = definition;
      return new AttributeDefinition(
          d.logicalName(),
          d.schemaName(),
          d.kind(),
          d.displayName(),
          d.maxLength(),
          d.precision(),
          d.minValue(),
          d.maxValue(),
          d.dateOnly(),
          d.targets(),
          optionSet,
          d.metadataId());
    }

    AttributeDefinition asDateOnly() {
      AttributeDefinition d = definition;
      return new AttributeDefinition(
          d.logicalName(),
          d.schemaName(),
          d.kind(),
          d.displayName(),
          d.maxLength(),
          d.precision(),
          d.minValue(),
          d.maxValue(),
          true,
          d.targets(),
          d.optionSet(),
          d.metadataId());
    }
  }
}
