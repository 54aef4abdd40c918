package io.dataexport.emulator.sample;

import static io.dataexport.emulator.sample.SampleValues.pick;

import io.dataexport.emulator.metadata.AttributeDefinition;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.metadata.OptionDefinition;
import io.dataexport.emulator.metadata.OrganisationMetadata;
import io.dataexport.emulator.metadata.RelationshipDefinition;
import io.dataexport.emulator.store.EntityReference;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Deterministic sample records: record {@code i} of an entity is derived from the seed alone, so a
 * store of millions of rows keeps only the rows that changed.
 *
 * <p>Ids of seeded records encode their index (scrambled), so an id maps back to its row without an
 * index. Records created later use random ids.
 */
public final class SampleData {
  private static final Instant EARLIEST = Instant.parse("2019-01-01T00:00:00Z");
  private static final long SPAN_SECONDS = 6L * 365 * 24 * 3600;
  private static final Map<String, Integer> REFERENCE_ENTITY_CAPS =
      Map.of("systemuser", 50, "team", 10, "businessunit", 3, "transactioncurrency", 5);
  private static final String[][] CURRENCIES = {
    {"US Dollar", "USD", "$", "1.0000000000", "2"},
    {"Euro", "EUR", "€", "0.9200000000", "2"},
    {"Pound Sterling", "GBP", "£", "0.7900000000", "2"},
    {"Yen", "JPY", "¥", "151.3200000000", "0"},
    {"Swiss Franc", "CHF", "Fr.", "0.8800000000", "2"}
  };

  private final OrganisationMetadata metadata;
  private final long seed;
  private final Map<String, Long> counts = new HashMap<>();
  private final Map<String, Long> idHighBits = new HashMap<>();
  private final Map<String, Long> idScramble = new HashMap<>();

  /**
   * @param metadata the organisation whose records to derive
   * @param seed the seed every value derives from
   * @param recordsPerEntity records of each main entity; reference entities (users, teams,
   *     currencies, business units) stay small
   */
  public SampleData(OrganisationMetadata metadata, long seed, long recordsPerEntity) {
    if (recordsPerEntity < 0) {
      throw new IllegalArgumentException("recordsPerEntity must be >= 0, was " + recordsPerEntity);
    }
    this.metadata = metadata;
    this.seed = seed;
    for (EntityDefinition entity : metadata.entities()) {
      Integer cap = REFERENCE_ENTITY_CAPS.get(entity.logicalName());
      long count = cap == null ? recordsPerEntity : Math.min(recordsPerEntity, cap);
      counts.put(entity.logicalName(), count);
      long hash = mix(seed ^ entity.logicalName().hashCode() * 0x9E3779B97F4A7C15L);
      idHighBits.put(entity.logicalName(), (hash & ~0xF000L) | 0x4000L);
      idScramble.put(entity.logicalName(), mix(hash) & 0x3FFF_FFFF_FFFF_FFFFL);
    }
  }

  public OrganisationMetadata metadata() {
    return metadata;
  }

  public long seed() {
    return seed;
  }

  /** Number of seeded records of the entity. */
  public long seedCount(String logicalName) {
    return counts.getOrDefault(logicalName, 0L);
  }

  /** The id of seeded record {@code index} of the entity. */
  public UUID seedId(String logicalName, long index) {
    long low = 0x8000_0000_0000_0000L | (index ^ idScramble.get(logicalName));
    return new UUID(idHighBits.get(logicalName), low);
  }

  /** The index of the seeded record with this id, or -1 when the id is not a seeded one. */
  public long seedIndexOf(String logicalName, UUID id) {
    Long high = idHighBits.get(logicalName);
    if (high == null || id.getMostSignificantBits() != high) {
      return -1;
    }
    long low = id.getLeastSignificantBits();
    if ((low >>> 62) != 2) {
      return -1;
    }
    long index = (low & 0x3FFF_FFFF_FFFF_FFFFL) ^ idScramble.get(logicalName);
    return index < seedCount(logicalName) ? index : -1;
  }

  /** The values of seeded record {@code index}, in attribute order; versionnumber left null. */
  public Object[] seedRow(EntityDefinition entity, long index) {
    SplittableRandom rng =
        new SplittableRandom(mix(seed + 31 * index) ^ entity.logicalName().hashCode());
    Object[] values = newRecord(entity, rng, seedId(entity.logicalName(), index));
    if (entity.intersect()) {
      fillIntersect(entity, values, index);
    }
    return values;
  }

  /**
   * Values of a new record with the given id, drawn from {@code rng}. Lookups point at seeded
   * records; for intersect entities the pair is random.
   */
  public Object[] newRecord(EntityDefinition entity, SplittableRandom rng, UUID id) {
    Object[] values = new Object[entity.attributes().size()];
    List<AttributeDefinition> attributes = entity.attributes();
    Instant createdOn = EARLIEST.plusSeconds(rng.nextLong(SPAN_SECONDS));
    for (int i = 0; i < attributes.size(); i++) {
      AttributeDefinition attribute = attributes.get(i);
      if (i == entity.primaryIdIndex()) {
        values[i] = id;
      } else if (values[i] == null) {
        values[i] = value(entity, attribute, values, rng, createdOn, true);
      }
    }
    if (entity.intersect()) {
      fillIntersect(entity, values, rng.nextLong(Math.max(1, seedCount(entity.logicalName()))));
    }
    return values;
  }

  /**
   * A changed copy of a record: one to three ordinary attributes get new values and {@code
   * modifiedon} moves to {@code now}. Intersect records have nothing to change but their version.
   */
  public Object[] updatedRecord(
      EntityDefinition entity, Object[] current, SplittableRandom rng, Instant now) {
    Object[] values = current.clone();
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      AttributeDefinition a = entity.attributes().get(i);
      if (i != entity.primaryIdIndex() && isOrdinary(a) && !entity.intersect()) {
        candidates.add(i);
      }
    }
    for (int n = 1 + rng.nextInt(3); n > 0 && !candidates.isEmpty(); n--) {
      int i = candidates.remove(rng.nextInt(candidates.size()));
      values[i] = value(entity, entity.attributes().get(i), values, rng, now, false);
    }
    int modifiedOn = entity.indexOf("modifiedon");
    if (modifiedOn >= 0) {
      values[modifiedOn] = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
    return values;
  }

  private static boolean isOrdinary(AttributeDefinition a) {
    return switch (a.logicalName()) {
      case "createdon", "modifiedon", "versionnumber", "statecode", "owneridtype" -> false;
      default -> true;
    };
  }

  private void fillIntersect(EntityDefinition entity, Object[] values, long index) {
    for (RelationshipDefinition r : metadata.relationships()) {
      if (!r.intersectEntityName().equals(entity.logicalName())) {
        continue;
      }
      long n1 = seedCount(r.entity1LogicalName());
      long n2 = seedCount(r.entity2LogicalName());
      if (n1 > 0 && n2 > 0) {
        values[entity.indexOf(r.entity1IntersectAttribute())] =
            seedId(r.entity1LogicalName(), index % n1);
        values[entity.indexOf(r.entity2IntersectAttribute())] =
            seedId(r.entity2LogicalName(), (index * 7 + 3) % n2);
      }
    }
  }

  private Object value(
      EntityDefinition entity,
      AttributeDefinition attribute,
      Object[] values,
      SplittableRandom rng,
      Instant createdOn,
      boolean creating) {
    String name = attribute.logicalName();
    boolean required =
        name.equals(entity.primaryNameAttribute())
            || name.equals("ownerid")
            || name.equals("statuscode")
            || name.equals("createdon")
            || name.equals("modifiedon");
    if (!required && !entity.intersect() && rng.nextInt(10) == 0) {
      return null;
    }
    return switch (attribute.kind()) {
      case STRING -> string(entity, attribute, values, rng);
      case MEMO -> SampleValues.sentences(rng, Math.min(attribute.maxLength(), 600));
      case INTEGER ->
          rng.nextInt(
              attribute.minValue().intValue(), Math.min(attribute.maxValue().intValue(), 5000) + 1);
      case BIGINT -> name.equals("versionnumber") ? null : rng.nextLong(Long.MAX_VALUE);
      case DECIMAL, MONEY -> decimal(attribute, rng);
      case DOUBLE -> floatingPoint(attribute, rng);
      case BOOLEAN -> rng.nextBoolean();
      case DATETIME -> dateTime(attribute, rng, createdOn, creating);
      case LOOKUP, CUSTOMER, OWNER -> reference(entity, attribute, values, rng);
      case PICKLIST -> pickOption(attribute, rng).value();
      case STATE -> null;
      case STATUS -> status(entity, attribute, values, rng);
      case MULTI_SELECT_PICKLIST -> multiSelect(attribute, rng);
      case UNIQUEIDENTIFIER -> new UUID(rng.nextLong(), rng.nextLong());
      case ENTITY_NAME -> null;
    };
  }

  private String string(
      EntityDefinition entity,
      AttributeDefinition attribute,
      Object[] values,
      SplittableRandom rng) {
    String name = attribute.logicalName();
    String text;
    if (entity.logicalName().equals("transactioncurrency")) {
      text = currencyString(name, values[entity.primaryIdIndex()]);
    } else if (name.equals("firstname")) {
      text = pick(rng, SampleValues.FIRST_NAMES);
    } else if (name.equals("lastname")) {
      text = pick(rng, SampleValues.LAST_NAMES);
    } else if (name.equals("fullname")) {
      Object first = values[entity.indexOf("firstname")];
      Object last = values[entity.indexOf("lastname")];
      text = ((first == null ? "" : first + " ") + (last == null ? "Unknown" : last)).trim();
    } else if (name.startsWith("emailaddress") || name.equals("internalemailaddress")) {
      text =
          SampleValues.ascii(pick(rng, SampleValues.FIRST_NAMES))
              + "."
              + rng.nextInt(100_000)
              + "@"
              + SampleValues.ascii(pick(rng, SampleValues.COMPANY_WORDS))
              + ".example";
    } else if (name.equals("domainname")) {
      text =
          "CONTOSO\\"
              + SampleValues.ascii(pick(rng, SampleValues.FIRST_NAMES))
              + rng.nextInt(10_000);
    } else if (name.contains("phone")) {
      text = String.format("+1 425 555 %04d", rng.nextInt(10_000));
    } else if (name.equals("websiteurl")) {
      text =
          "https://www." + SampleValues.ascii(pick(rng, SampleValues.COMPANY_WORDS)) + ".example";
    } else if (name.equals("accountnumber")) {
      text = String.format("ACC-%08d", rng.nextInt(100_000_000));
    } else if (name.endsWith("_city")) {
      text = pick(rng, SampleValues.CITIES);
    } else if (name.endsWith("_country")) {
      text = pick(rng, SampleValues.COUNTRIES);
    } else if (name.equals("subject") || entity.logicalName().equals("opportunity")) {
      text = pick(rng, SampleValues.TOPICS) + " for " + SampleValues.companyName(rng);
    } else if (name.equals("jobtitle")) {
      text = pick(rng, new String[] {"CEO", "CFO", "Buyer", "Engineer", "Analyst", "Director"});
    } else {
      text = SampleValues.companyName(rng);
    }
    return text.length() > attribute.maxLength() ? text.substring(0, attribute.maxLength()) : text;
  }

  /** Name, code and symbol of one record all come from the same currency, chosen by its id. */
  private static String currencyString(String name, Object id) {
    String[] currency = CURRENCIES[Math.floorMod(id.hashCode(), CURRENCIES.length)];
    return switch (name) {
      case "isocurrencycode" -> currency[1];
      case "currencysymbol" -> currency[2];
      default -> currency[0];
    };
  }

  private static BigDecimal decimal(AttributeDefinition attribute, SplittableRandom rng) {
    boolean rate = attribute.logicalName().equals("exchangerate");
    double max = rate ? 160 : Math.min(attribute.maxValue().doubleValue(), 10_000_000);
    double min = rate ? 0.5 : Math.max(attribute.minValue().doubleValue(), 0);
    double raw = min + rng.nextDouble() * (max - min);
    return BigDecimal.valueOf(raw).setScale(attribute.precision(), RoundingMode.HALF_EVEN);
  }

  private static Double floatingPoint(AttributeDefinition attribute, SplittableRandom rng) {
    double min = attribute.minValue().doubleValue();
    double max = attribute.maxValue().doubleValue();
    return BigDecimal.valueOf(min + rng.nextDouble() * (max - min))
        .setScale(attribute.precision(), RoundingMode.HALF_EVEN)
        .doubleValue();
  }

  private static Object dateTime(
      AttributeDefinition attribute, SplittableRandom rng, Instant createdOn, boolean creating) {
    if (attribute.dateOnly()) {
      return LocalDate.ofInstant(EARLIEST, ZoneOffset.UTC).plusDays(rng.nextInt(2500));
    }
    return switch (attribute.logicalName()) {
      case "createdon" -> createdOn;
      case "modifiedon" ->
          creating ? createdOn.plusSeconds(rng.nextLong(90L * 24 * 3600)) : createdOn;
      default -> EARLIEST.plusSeconds(rng.nextLong(SPAN_SECONDS));
    };
  }

  private EntityReference reference(
      EntityDefinition entity,
      AttributeDefinition attribute,
      Object[] values,
      SplittableRandom rng) {
    List<String> targets = attribute.targets();
    int first = rng.nextInt(targets.size());
    for (int k = 0; k < targets.size(); k++) {
      String target = targets.get((first + k) % targets.size());
      long count = seedCount(target);
      if (count > 0) {
        EntityReference ref = new EntityReference(target, seedId(target, rng.nextLong(count)));
        if (attribute.logicalName().equals("ownerid")) {
          values[entity.indexOf("owneridtype")] = target;
        }
        return ref;
      }
    }
    return null;
  }

  private static OptionDefinition pickOption(AttributeDefinition attribute, SplittableRandom rng) {
    List<OptionDefinition> options = attribute.optionSet().options();
    return options.get(rng.nextInt(options.size()));
  }

  private static Integer status(
      EntityDefinition entity,
      AttributeDefinition attribute,
      Object[] values,
      SplittableRandom rng) {
    // Most records are in their first state; status and state always agree.
    List<OptionDefinition> options = attribute.optionSet().options();
    OptionDefinition option = rng.nextInt(4) == 0 ? pickOption(attribute, rng) : options.get(0);
    values[entity.indexOf("statecode")] = option.state();
    return option.value();
  }

  private static List<Integer> multiSelect(AttributeDefinition attribute, SplittableRandom rng) {
    List<Integer> chosen = new ArrayList<>();
    for (OptionDefinition option : attribute.optionSet().options()) {
      if (rng.nextInt(3) == 0) {
        chosen.add(option.value());
      }
    }
    if (chosen.isEmpty()) {
      chosen.add(attribute.optionSet().options().get(0).value());
    }
    return List.copyOf(chosen);
  }

  /** SplitMix64 finaliser: spreads neighbouring inputs over the whole long range. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
