package io.dataexport.emulator.sample;

import java.util.SplittableRandom;

/** Word pools for realistic sample values, including non-ASCII names to exercise Unicode. */
final class SampleValues {
  static final String[] FIRST_NAMES = {
    "Anna", "Ben", "Clara", "David", "Emma", "Felix", "Grace", "Hugo", "Ida", "Jonas", "Karin",
    "Liam", "Maja", "Noah", "Olivia", "Paul", "Quinn", "Rosa", "Sam", "Tara", "Zoë", "Łukasz",
    "Søren", "José", "François", "Ayşe", "Björn", "Chloé", "Jürgen", "Nguyễn", "美咲", "Анна"
  };
  static final String[] LAST_NAMES = {
    "Adams",
    "Baker",
    "Clark",
    "Davis",
    "Evans",
    "Fischer",
    "Garcia",
    "Hansen",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lopez",
    "Miller",
    "Nakamura",
    "O'Brien",
    "Petrov",
    "Quist",
    "Rossi",
    "Schmidt",
    "Taylor",
    "Müller",
    "Dvořák",
    "Ødegaard",
    "García-Márquez",
    "Øster",
    "山田",
    "Иванова"
  };
  static final String[] COMPANY_WORDS = {
    "Alpine",
    "Blue",
    "Contoso",
    "Delta",
    "Evergreen",
    "Fabrikam",
    "Granite",
    "Harbor",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Meridian",
    "Northwind",
    "Orion",
    "Pioneer",
    "Quantum",
    "Riverside",
    "Summit",
    "Tailspin",
    "Umbra",
    "Vertex",
    "Woodgrove",
    "Ærø",
    "Zürich",
    "東京"
  };
  static final String[] COMPANY_SUFFIXES = {
    "Ltd", "Inc.", "GmbH", "AG", "S.A.", "Group", "Holdings", "& Co.", "Labs", "Partners"
  };
  static final String[] CITIES = {
    "Seattle",
    "London",
    "München",
    "Paris",
    "São Paulo",
    "Tokyo",
    "Sydney",
    "Toronto",
    "Kraków",
    "Zürich",
    "Reykjavík",
    "Cape Town",
    "Mumbai",
    "Singapore",
    "Madrid",
    "Oslo"
  };
  static final String[] COUNTRIES = {
    "United States",
    "United Kingdom",
    "Deutschland",
    "France",
    "Brasil",
    "日本",
    "Australia",
    "Canada",
    "Polska",
    "Schweiz",
    "Ísland",
    "South Africa",
    "India",
    "Singapore",
    "España",
    "Norge"
  };
  static final String[] TOPICS = {
    "Renewal",
    "Expansion",
    "New licences",
    "Pilot",
    "Upgrade",
    "Support contract",
    "Migration",
    "Training",
    "Hardware refresh",
    "Consulting engagement"
  };
  static final String[] SENTENCE_WORDS = {
    "customer",
    "requested",
    "a",
    "follow-up",
    "on",
    "the",
    "proposal",
    "pricing",
    "was",
    "discussed",
    "with",
    "procurement",
    "next",
    "steps",
    "include",
    "demo",
    "and",
    "contract",
    "review",
    "budget",
    "approved",
    "for",
    "Q3",
    "délai",
    "Größe",
    "naïve",
    "café",
    "🚀",
    "✓"
  };

  private SampleValues() {}

  static String pick(SplittableRandom rng, String[] pool) {
    return pool[rng.nextInt(pool.length)];
  }

  static String companyName(SplittableRandom rng) {
    return pick(rng, COMPANY_WORDS)
        + " "
        + pick(rng, COMPANY_WORDS)
        + " "
        + pick(rng, COMPANY_SUFFIXES);
  }

  static String sentences(SplittableRandom rng, int maxLength) {
    StringBuilder text = new StringBuilder();
    int words = 8 + rng.nextInt(60);
    for (int i = 0; i < words; i++) {
      String word = pick(rng, SENTENCE_WORDS);
      if (text.length() + word.length() + 2 > maxLength) {
        break;
      }
      if (i > 0) {
        text.append(rng.nextInt(9) == 0 ? ". " : " ");
      }
      text.append(word);
    }
    return text.append('.').toString();
  }

  static String ascii(String text) {
    String normalized = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD);
    String plain = normalized.replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
    return plain.isEmpty() ? "user" : plain;
  }
}
