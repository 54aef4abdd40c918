package io.dataexport.emulator.sample;

import static io.dataexport.emulator.metadata.OptionDefinition.of;
import static io.dataexport.emulator.metadata.OptionDefinition.state;
import static io.dataexport.emulator.metadata.OptionDefinition.status;

import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.metadata.OptionDefinition;
import io.dataexport.emulator.metadata.OptionSetDefinition;
import io.dataexport.emulator.metadata.OrganisationMetadata;
import io.dataexport.emulator.metadata.RelationshipDefinition;
import java.util.List;

/**
 * The metadata of the sample organisation: a small CRM covering every attribute kind the service
 * maps, one N:N relationship, and one entity without change tracking ({@code businessunit}).
 */
public final class SampleOrganisation {
  private static final OptionSetDefinition REGION =
      new OptionSetDefinition(
          "cr_region",
          true,
          "Picklist",
          List.of(
              of(1, "North America", "Nordamerika"),
              of(2, "Europe", "Europa"),
              of(3, "Asia Pacific", "Asien-Pazifik"),
              of(4, "Latin America", "Lateinamerika"),
              of(5, "Middle East & Africa", "Naher Osten & Afrika")));

  private static final OptionSetDefinition CHANNEL =
      new OptionSetDefinition(
          "cr_channel",
          true,
          "Picklist",
          List.of(
              of(1, "Email", "E-Mail"),
              of(2, "Phone", "Telefon"),
              of(3, "Mail", "Post"),
              of(4, "Social", "Soziale Medien"),
              of(5, "Events", "Veranstaltungen")));

  private static final List<OptionDefinition> ACTIVE_INACTIVE_STATES =
      List.of(
          state(0, "Active", "Aktiv", 1, "Active"), state(1, "Inactive", "Inaktiv", 2, "Inactive"));
  private static final List<OptionDefinition> ACTIVE_INACTIVE_STATUSES =
      List.of(status(1, "Active", "Aktiv", 0), status(2, "Inactive", "Inaktiv", 1));

  private SampleOrganisation() {}

  /** Builds the sample organisation's metadata catalogue. */
  public static OrganisationMetadata metadata() {
    return new OrganisationMetadata(
        List.of(
            account(),
            contact(),
            lead(),
            opportunity(),
            systemUser(),
            team(),
            transactionCurrency(),
            businessUnit(),
            accountLeads()),
        List.of(
            new RelationshipDefinition(
                "accountleads_association",
                "accountleads",
                "account",
                "accountid",
                "lead",
                "leadid",
                EntityBuilder.metadataId("relationship", "accountleads_association"))));
  }

  private static OptionSetDefinition local(String name, OptionDefinition... options) {
    return new OptionSetDefinition(name, false, "Picklist", List.of(options));
  }

  private static EntityDefinition account() {
    return new EntityBuilder("account", "Account", "accounts", "Account", 1)
        .primaryId("accountid", "Account")
        .primaryName("name", "Account Name", 160)
        .string("accountnumber", "Account Number", 20)
        .memo("description", "Description", 2000)
        .string("telephone1", "Main Phone", 50)
        .string("emailaddress1", "Email", 100)
        .string("websiteurl", "Website", 200)
        .string("address1_city", "Address 1 City", 80)
        .string("address1_country", "Address 1 Country", 80)
        .floatingPoint("address1_latitude", "Address 1 Latitude", 5, -90, 90)
        .floatingPoint("address1_longitude", "Address 1 Longitude", 5, -180, 180)
        .integer("numberofemployees", "Number of Employees", 0, 1_000_000_000)
        .money("revenue", "Annual Revenue")
        .money("creditlimit", "Credit Limit")
        .decimal("exchangerate", "Exchange Rate", 10, 0.0000000001, 100_000_000_000.0)
        .bigInt("cr_externalsequence", "External Sequence")
        .bool("donotemail", "Do not allow Emails", "Do Not Allow", "Nicht zulassen")
        .bool("creditonhold", "Credit Hold", "Yes", "Ja")
        .picklist(
            "industrycode",
            "Industry",
            local(
                "account_industrycode",
                of(1, "Accounting", "Buchhaltung"),
                of(2, "Agriculture", "Landwirtschaft"),
                of(3, "Broadcasting", "Rundfunk"),
                of(4, "Construction", "Bauwesen"),
                of(5, "Consulting", "Beratung"),
                of(6, "Financial", "Finanzen"),
                of(7, "Retail", "Einzelhandel"),
                of(8, "Manufacturing", "Fertigung")))
        .picklist(
            "accountcategorycode",
            "Category",
            local(
                "account_accountcategorycode",
                of(1, "Preferred Customer", "Bevorzugter Kunde"),
                of(2, "Standard", "Standard")))
        .picklist("cr_region", "Region", REGION)
        .dateOnly("cr_foundedon", "Founded On")
        .dateTime("lastusedincampaign", "Last Date Included in Campaign")
        .lookup("primarycontactid", "Primary Contact", "contact")
        .lookup("parentaccountid", "Parent Account", "account")
        .lookup("transactioncurrencyid", "Currency", "transactioncurrency")
        .owner()
        .uniqueIdentifier("processid", "Process")
        .stateAndStatus(ACTIVE_INACTIVE_STATES, ACTIVE_INACTIVE_STATUSES)
        .systemColumns()
        .build();
  }

  private static EntityDefinition contact() {
    return new EntityBuilder("contact", "Contact", "contacts", "Contact", 2)
        .primaryId("contactid", "Contact")
        .string("firstname", "First Name", 50)
        .string("lastname", "Last Name", 50)
        .primaryName("fullname", "Full Name", 160)
        .string("emailaddress1", "Email", 100)
        .string("jobtitle", "Job Title", 100)
        .string("mobilephone", "Mobile Phone", 50)
        .dateOnly("birthdate", "Birthday")
        .memo("description", "Description", 2000)
        .money("annualincome", "Annual Income")
        .integer("numberofchildren", "No. of Children", 0, 1_000_000_000)
        .bool("creditonhold", "Credit Hold", "Yes", "Ja")
        .bool("donotphone", "Do not allow Phone Calls", "Do Not Allow", "Nicht zulassen")
        .picklist(
            "gendercode",
            "Gender",
            local("contact_gendercode", of(1, "Male", "Männlich"), of(2, "Female", "Weiblich")))
        .picklist(
            "familystatuscode",
            "Marital Status",
            local(
                "contact_familystatuscode",
                of(1, "Single", "Ledig"),
                of(2, "Married", "Verheiratet"),
                of(3, "Divorced", "Geschieden"),
                of(4, "Widowed", "Verwitwet")))
        .multiSelect("cr_preferredchannels", "Preferred Channels", CHANNEL)
        .customer("parentcustomerid", "Company Name")
        .lookup("transactioncurrencyid", "Currency", "transactioncurrency")
        .owner()
        .stateAndStatus(ACTIVE_INACTIVE_STATES, ACTIVE_INACTIVE_STATUSES)
        .systemColumns()
        .build();
  }

  private static EntityDefinition lead() {
    return new EntityBuilder("lead", "Lead", "leads", "Lead", 4)
        .primaryId("leadid", "Lead")
        .string("subject", "Topic", 300)
        .string("firstname", "First Name", 50)
        .string("lastname", "Last Name", 50)
        .primaryName("fullname", "Name", 160)
        .string("companyname", "Company Name", 100)
        .string("emailaddress1", "Email", 100)
        .picklist(
            "leadsourcecode",
            "Lead Source",
            local(
                "lead_leadsourcecode",
                of(1, "Advertisement", "Werbung"),
                of(2, "Employee Referral", "Mitarbeiterempfehlung"),
                of(3, "External Referral", "Externe Empfehlung"),
                of(4, "Partner", "Partner"),
                of(5, "Public Relations", "Öffentlichkeitsarbeit"),
                of(6, "Seminar", "Seminar"),
                of(7, "Trade Show", "Messe"),
                of(8, "Web", "Web"),
                of(9, "Word of Mouth", "Mundpropaganda"),
                of(10, "Other", "Sonstiges")))
        .picklist(
            "leadqualitycode",
            "Rating",
            local(
                "lead_leadqualitycode",
                of(1, "Hot", "Heiß"),
                of(2, "Warm", "Warm"),
                of(3, "Cold", "Kalt")))
        .picklist("cr_region", "Region", REGION)
        .multiSelect(
            "cr_interests",
            "Interests",
            new OptionSetDefinition(
                "lead_cr_interests",
                false,
                "Picklist",
                List.of(
                    of(100000000, "Cloud", "Cloud"),
                    of(100000001, "Analytics", "Analytik"),
                    of(100000002, "Security", "Sicherheit"),
                    of(100000003, "Mobile", "Mobil"))))
        .money("estimatedamount", "Est. Value")
        .money("budgetamount", "Budget Amount")
        .dateOnly("estimatedclosedate", "Est. Close Date")
        .lookup("parentaccountid", "Existing Account", "account")
        .lookup("parentcontactid", "Existing Contact", "contact")
        .customer("customerid", "Customer")
        .owner()
        .stateAndStatus(
            List.of(
                state(0, "Open", "Offen", 1, "Open"),
                state(1, "Qualified", "Qualifiziert", 3, "Qualified"),
                state(2, "Disqualified", "Disqualifiziert", 4, "Disqualified")),
            List.of(
                status(1, "New", "Neu", 0),
                status(2, "Contacted", "Kontaktiert", 0),
                status(3, "Qualified", "Qualifiziert", 1),
                status(4, "Lost", "Verloren", 2),
                status(5, "Cannot Contact", "Kein Kontakt möglich", 2),
                status(6, "No Longer Interested", "Kein Interesse mehr", 2),
                status(7, "Canceled", "Abgebrochen", 2)))
        .systemColumns()
        .build();
  }

  private static EntityDefinition opportunity() {
    return new EntityBuilder("opportunity", "Opportunity", "opportunities", "Opportunity", 3)
        .primaryId("opportunityid", "Opportunity")
        .primaryName("name", "Topic", 300)
        .memo("description", "Description", 2000)
        .money("estimatedvalue", "Est. Revenue")
        .money("actualvalue", "Actual Revenue")
        .integer("closeprobability", "Probability", 0, 100)
        .decimal("cr_discountpercentage", "Discount (%)", 2, 0, 100)
        .dateOnly("estimatedclosedate", "Est. Close Date")
        .dateOnly("actualclosedate", "Actual Close Date")
        .picklist(
            "opportunityratingcode",
            "Rating",
            local(
                "opportunity_opportunityratingcode",
                of(1, "Hot", "Heiß"),
                of(2, "Warm", "Warm"),
                of(3, "Cold", "Kalt")))
        .customer("customerid", "Potential Customer")
        .lookup("parentaccountid", "Account", "account")
        .lookup("parentcontactid", "Contact", "contact")
        .lookup("originatingleadid", "Originating Lead", "lead")
        .lookup("transactioncurrencyid", "Currency", "transactioncurrency")
        .owner()
        .stateAndStatus(
            List.of(
                state(0, "Open", "Offen", 1, "Open"),
                state(1, "Won", "Gewonnen", 3, "Won"),
                state(2, "Lost", "Verloren", 4, "Lost")),
            List.of(
                status(1, "In Progress", "In Bearbeitung", 0),
                status(2, "On Hold", "Angehalten", 0),
                status(3, "Won", "Gewonnen", 1),
                status(4, "Canceled", "Abgebrochen", 2),
                status(5, "Out-Sold", "Ausverkauft", 2)))
        .systemColumns()
        .build();
  }

  private static EntityDefinition systemUser() {
    return new EntityBuilder("systemuser", "SystemUser", "systemusers", "User", 8)
        .primaryId("systemuserid", "User")
        .string("firstname", "First Name", 64)
        .string("lastname", "Last Name", 64)
        .primaryName("fullname", "Full Name", 200)
        .string("domainname", "User Name", 1024)
        .string("internalemailaddress", "Primary Email", 100)
        .bool("isdisabled", "Status", "Disabled", "Deaktiviert")
        .picklist(
            "accessmode",
            "Access Mode",
            local(
                "systemuser_accessmode",
                of(0, "Read-Write", "Lesen/Schreiben"),
                of(1, "Administrative", "Administrativ"),
                of(2, "Read", "Lesen"),
                of(4, "Non-interactive", "Nicht interaktiv")))
        .lookup("businessunitid", "Business Unit", "businessunit")
        .systemColumns()
        .build();
  }

  private static EntityDefinition team() {
    return new EntityBuilder("team", "Team", "teams", "Team", 9)
        .primaryId("teamid", "Team")
        .primaryName("name", "Team Name", 160)
        .memo("description", "Description", 2000)
        .picklist(
            "teamtype",
            "Team Type",
            local("team_teamtype", of(0, "Owner", "Besitzer"), of(1, "Access", "Zugriff")))
        .bool("isdefault", "Is Default", "Yes", "Ja")
        .lookup("administratorid", "Administrator", "systemuser")
        .lookup("businessunitid", "Business Unit", "businessunit")
        .systemColumns()
        .build();
  }

  private static EntityDefinition transactionCurrency() {
    return new EntityBuilder(
            "transactioncurrency", "TransactionCurrency", "transactioncurrencies", "Currency", 9105)
        .primaryId("transactioncurrencyid", "Transaction Currency")
        .primaryName("currencyname", "Currency Name", 100)
        .string("isocurrencycode", "Currency Code", 5)
        .string("currencysymbol", "Currency Symbol", 10)
        .decimal("exchangerate", "Exchange Rate", 10, 0.0000000001, 100_000_000_000.0)
        .integer("currencyprecision", "Currency Precision", 0, 4)
        .stateAndStatus(ACTIVE_INACTIVE_STATES, ACTIVE_INACTIVE_STATUSES)
        .systemColumns()
        .build();
  }

  private static EntityDefinition businessUnit() {
    return new EntityBuilder("businessunit", "BusinessUnit", "businessunits", "Business Unit", 10)
        .changeTrackingDisabled()
        .primaryId("businessunitid", "Business Unit")
        .primaryName("name", "Name", 160)
        .memo("description", "Description", 2000)
        .lookup("parentbusinessunitid", "Parent Business", "businessunit")
        .systemColumns()
        .build();
  }

  private static EntityDefinition accountLeads() {
    return new EntityBuilder(
            "accountleads", "AccountLeads", "accountleadscollection", "Account Leads", 16)
        .intersect()
        .primaryId("accountleadid", "Account Lead")
        .uniqueIdentifier("accountid", "Account")
        .uniqueIdentifier("leadid", "Lead")
        .bigInt("versionnumber", "Version Number")
        .build();
  }
}
