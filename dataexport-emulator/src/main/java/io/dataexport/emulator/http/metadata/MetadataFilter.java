package io.dataexport.emulator.http.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dataexport.emulator.http.ODataException;
import io.dataexport.emulator.http.metadata.FilterTokens.Kind;
import io.dataexport.emulator.http.metadata.FilterTokens.Token;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The small {@code $filter} language metadata queries need: {@code <property> eq|ne <literal>}
 * combined with {@code and}, {@code or}, {@code not} and parentheses. Properties may be paths into
 * complex values ({@code AttributeTypeName/Value eq 'StringType'}); literals are true, false, null,
 * numbers, GUIDs, {@code 'strings'} and enum members ({@code
 * Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist'}, compared by member name).
 *
 * <p>A filter is evaluated against the JSON an item is written as, so it sees exactly the values a
 * client would.
 */
final class MetadataFilter implements Predicate<JsonNode> {
  private static final Set<String> UNSUPPORTED_OPERATORS =
      Set.of("gt", "ge", "lt", "le", "has", "in");

  // deep enough for any real filter, shallow enough that a hostile one cannot exhaust the stack
  private static final int MAX_NESTING = 64;

  private final Predicate<JsonNode> condition;

  private MetadataFilter(Predicate<JsonNode> condition) {
    this.condition = condition;
  }

  /**
   * Parses a filter over items of the type.
   *
   * @throws ODataException 400 when the filter is malformed, uses an unsupported operator or
   *     function, or names a property the type lacks
   */
  static MetadataFilter parse(String filter, MetadataType type) {
    if (filter.isBlank()) {
      throw malformed(filter, "it is empty");
    }
    Parser parser = new Parser(filter, FilterTokens.of(filter), type);
    Predicate<JsonNode> condition = parser.or();
    parser.expectEnd();
    return new MetadataFilter(condition);
  }

  @Override
  public boolean test(JsonNode item) {
    return condition.test(item);
  }

  static ODataException malformed(String filter, String problem) {
    return ODataException.badRequest(
        "The $filter '"
            + filter
            + "' is not valid: "
            + problem
            + ". Metadata filters support <Property> eq|ne <value>, combined with and, or, not"
            + " and parentheses.");
  }

  /** Recursive descent over the tokens; {@code or} binds loosest, {@code not} tightest. */
  private static final class Parser {
    private final String filter;
    private final List<Token> tokens;
    private final MetadataType type;
    private int next;
    private int nesting;

    Parser(String filter, List<Token> tokens, MetadataType type) {
      this.filter = filter;
      this.tokens = tokens;
      this.type = type;
    }

    Predicate<JsonNode> or() {
      Predicate<JsonNode> left = and();
      while (peek().isWord("or")) {
        next++;
        left = left.or(and());
      }
      return left;
    }

    private Predicate<JsonNode> and() {
      Predicate<JsonNode> left = unary();
      while (peek().isWord("and")) {
        next++;
        left = left.and(unary());
      }
      return left;
    }

    private Predicate<JsonNode> unary() {
      Token token = peek();
      if (token.isWord("not") || token.kind() == Kind.OPEN) {
        if (++nesting > MAX_NESTING) {
          throw malformed(filter, "it nests deeper than " + MAX_NESTING + " levels");
        }
        next++;
        Predicate<JsonNode> result;
        if (token.isWord("not")) {
          result = unary().negate();
        } else {
          result = or();
          if (peek().kind() != Kind.CLOSE) {
            throw problem("expected ')'", peek());
          }
          next++;
        }
        nesting--;
        return result;
      }
      return comparison();
    }

    private Predicate<JsonNode> comparison() {
      Token property = take();
      if (property.kind() != Kind.WORD) {
        throw problem("expected a property name", property);
      }
      if (peek().kind() == Kind.OPEN) {
        throw malformed(
            filter,
            "functions such as '" + property.text() + "(...)' are not supported on metadata");
      }
      List<String> path = Arrays.asList(property.text().split("/"));
      type.requireProperty(path.get(0));
      Token operator = take();
      boolean equal;
      if (operator.isWord("eq")) {
        equal = true;
      } else if (operator.isWord("ne")) {
        equal = false;
      } else if (operator.kind() == Kind.WORD && UNSUPPORTED_OPERATORS.contains(operator.text())) {
        throw malformed(
            filter, "the operator '" + operator.text() + "' is not supported; use eq or ne");
      } else {
        throw problem("expected eq or ne after '" + property.text() + "'", operator);
      }
      JsonNode literal = literal(take());
      return item -> equal == matches(resolve(item, path), literal);
    }

    private JsonNode literal(Token token) {
      return switch (token.kind()) {
        case STRING, GUID -> TextNode.valueOf(token.text());
        case NUMBER -> number(token);
        case WORD ->
            switch (token.text()) {
              case "true" -> BooleanNode.TRUE;
              case "false" -> BooleanNode.FALSE;
              case "null" -> NullNode.instance;
              default -> throw problem("expected a value", token);
            };
        default -> throw problem("expected a value", token);
      };
    }

    private JsonNode number(Token token) {
      try {
        return DecimalNode.valueOf(new BigDecimal(token.text()));
      } catch (NumberFormatException outOfRange) {
        throw problem("expected a number within range", token);
      }
    }

    void expectEnd() {
      if (peek().kind() != Kind.END) {
        throw problem("expected and, or or the end of the filter", peek());
      }
    }

    private Token peek() {
      return tokens.get(next);
    }

    private Token take() {
      Token token = tokens.get(next);
      if (token.kind() != Kind.END) {
        next++;
      }
      return token;
    }

    private ODataException problem(String expectation, Token found) {
      String what = found.kind() == Kind.END ? "the end" : "'" + found.text() + "'";
      return malformed(
          filter, expectation + ", found " + what + " at position " + found.position());
    }
  }

  private static JsonNode resolve(JsonNode item, List<String> path) {
    JsonNode node = item;
    for (String step : path) {
      node = node == null || node.isNull() ? null : node.get(step);
    }
    return node == null ? NullNode.instance : node;
  }

  private static boolean matches(JsonNode value, JsonNode literal) {
    if (literal.isNull()) {
      return value.isNull();
    }
    if (literal.isBoolean()) {
      return value.isBoolean() && value.booleanValue() == literal.booleanValue();
    }
    if (literal.isNumber()) {
      return value.isNumber() && value.decimalValue().compareTo(literal.decimalValue()) == 0;
    }
    // GUID literals arrive lower-cased, as metadata ids are written
    return value.isTextual() && value.textValue().equals(literal.textValue());
  }
}
