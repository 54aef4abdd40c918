package io.dataexport.jdbc;

import io.dataexport.api.schema.AttributeSchema;
import io.dataexport.api.schema.AttributeType;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.schema.OptionSchema;
import io.dataexport.api.schema.OptionSetSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-built schemas: an {@code account} with one attribute of every type, and friends. */
public final class TestEntities {
  private TestEntities() {}

  /** {@code account}: its primary id, one attribute per {@link AttributeType}, versionnumber. */
  public static EntitySchema account() {
    return new EntitySchema("account", "accounts", "accountid", true, false, accountAttributes());
  }

  /** {@code account} as after a source change: one more attribute, a longer name. */
  public static EntitySchema accountWithRating() {
    List<AttributeSchema> attributes = new ArrayList<>(accountAttributes());
    attributes.replaceAll(a -> a.logicalName().equals("name") ? string("name", 400) : a);
    attributes.add(simple("new_rating", AttributeType.INTEGER));
    return new EntitySchema("account", "accounts", "accountid", true, false, attributes);
  }

  public static EntitySchema contact() {
    return new EntitySchema(
        "contact",
        "contacts",
        "contactid",
        true,
        false,
        List.of(
            simple("contactid", AttributeType.UNIQUEIDENTIFIER),
            string("fullname", 160),
            lookup("parentcustomerid", AttributeType.CUSTOMER, "account", "contact")));
  }

  /** The intersect entity of the account-lead N:N relationship. */
  public static EntitySchema accountLeads() {
    return new EntitySchema(
        "accountleads",
        "accountleadscollection",
        "accountleadid",
        true,
        true,
        List.of(
            simple("accountleadid", AttributeType.UNIQUEIDENTIFIER),
            simple("accountid", AttributeType.UNIQUEIDENTIFIER),
            simple("leadid", AttributeType.UNIQUEIDENTIFIER)));
  }

  /** An entity of the given logical name with its primary id and a name. */
  public static EntitySchema named(String logicalName) {
    return new EntitySchema(
        logicalName,
        logicalName + "s",
        logicalName + "id",
        true,
        false,
        List.of(simple(logicalName + "id", AttributeType.UNIQUEIDENTIFIER), string("name", 100)));
  }

  private static List<AttributeSchema> accountAttributes() {
    return List.of(
        simple("accountid", AttributeType.UNIQUEIDENTIFIER),
        string("name", 160),
        new AttributeSchema("description", AttributeType.MEMO, 2000, null, false, List.of(), null),
        simple("numberofemployees", AttributeType.INTEGER),
        simple("new_bigcount", AttributeType.BIGINT),
        new AttributeSchema(
            "exchangerate", AttributeType.DECIMAL, null, 10, false, List.of(), null),
        new AttributeSchema(
            "address1_latitude", AttributeType.DOUBLE, null, 5, false, List.of(), null),
        new AttributeSchema("revenue", AttributeType.MONEY, null, 4, false, List.of(), null),
        simple("donotemail", AttributeType.BOOLEAN),
        simple("createdon", AttributeType.DATETIME),
        new AttributeSchema(
            "new_foundedon", AttributeType.DATETIME, null, null, true, List.of(), null),
        lookup("primarycontactid", AttributeType.LOOKUP, "contact"),
        lookup("new_customerid", AttributeType.CUSTOMER, "account", "contact"),
        lookup("ownerid", AttributeType.OWNER, "systemuser", "team"),
        choice(
            "industrycode",
            AttributeType.PICKLIST,
            new OptionSetSchema(
                "account_industrycode",
                false,
                List.of(
                    option(1, "Accounting", "Buchhaltung"), option(2, "Consulting", "Beratung")))),
        choice(
            "new_region",
            AttributeType.PICKLIST,
            new OptionSetSchema(
                "new_region",
                true,
                List.of(option(100000000, "North", "Nord"), option(100000001, "South", "Süd")))),
        choice(
            "statecode",
            AttributeType.STATE,
            new OptionSetSchema(
                "account_statecode",
                false,
                List.of(
                    new OptionSchema(0, Map.of(1033, "Active", 1031, "Aktiv"), null, 1),
                    new OptionSchema(1, Map.of(1033, "Inactive", 1031, "Inaktiv"), null, 2)))),
        choice(
            "statuscode",
            AttributeType.STATUS,
            new OptionSetSchema(
                "account_statuscode",
                false,
                List.of(
                    new OptionSchema(1, Map.of(1033, "Active"), 0, null),
                    new OptionSchema(2, Map.of(1033, "Inactive"), 1, null)))),
        choice(
            "new_channels",
            AttributeType.MULTI_SELECT_PICKLIST,
            new OptionSetSchema(
                "account_new_channels",
                false,
                List.of(option(1, "Email", "E-Mail"), option(3, "Phone", "Telefon")))),
        simple("new_externalid", AttributeType.UNIQUEIDENTIFIER),
        simple("owneridtype", AttributeType.ENTITY_NAME),
        simple("versionnumber", AttributeType.BIGINT));
  }

  private static AttributeSchema simple(String name, AttributeType type) {
    return new AttributeSchema(name, type, null, null, false, List.of(), null);
  }

  private static AttributeSchema string(String name, int maxLength) {
    return new AttributeSchema(name, AttributeType.STRING, maxLength, null, false, List.of(), null);
  }

  private static AttributeSchema lookup(String name, AttributeType type, String... targets) {
    return new AttributeSchema(name, type, null, null, false, List.of(targets), null);
  }

  private static AttributeSchema choice(String name, AttributeType type, OptionSetSchema options) {
    return new AttributeSchema(name, type, null, null, false, List.of(), options);
  }

  private static OptionSchema option(int value, String english, String german) {
    return new OptionSchema(value, Map.of(1033, english, 1031, german), null, null);
  }
}
