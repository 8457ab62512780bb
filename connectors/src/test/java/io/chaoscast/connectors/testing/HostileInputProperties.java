package io.chaoscast.connectors.testing;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The properties every parser of untrusted records must have, over the generators of {@link
 * HostileInputs}: a subclass names a valid record to mutate and asserts, for one input, that the
 * parser either returned a value within its limits or threw its typed rejection with a short
 * reason. jqwik runs these inherited properties in each subclass.
 */
public abstract class HostileInputProperties {

  /** A valid record of the parser's format, the seed of the mutations. */
  protected abstract String validRecord();

  /** Parses {@code value} and asserts that only the typed rejection escaped. */
  protected abstract void assertOnlyTypedRejection(byte[] value);

  @Property(tries = 3000)
  void randomBytes(@ForAll("randomBytes") byte[] value) {
    assertOnlyTypedRejection(value);
  }

  @Property(tries = 3000)
  void randomJsonTrees(@ForAll("randomJson") byte[] value) {
    assertOnlyTypedRejection(value);
  }

  @Property(tries = 5000)
  void mutatedValidRecords(@ForAll("mutated") byte[] value) {
    assertOnlyTypedRejection(value);
  }

  @Property(tries = 2000)
  void extremeValuesAndStructure(@ForAll("extreme") byte[] value) {
    assertOnlyTypedRejection(value);
  }

  @Property(tries = 100)
  void hugeStrings(@ForAll("huge") byte[] value) {
    assertOnlyTypedRejection(value);
  }

  @Provide
  Arbitrary<byte[]> randomBytes() {
    return HostileInputs.randomBytes();
  }

  @Provide
  Arbitrary<byte[]> randomJson() {
    return HostileInputs.utf8(HostileInputs.randomJson());
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    return HostileInputs.mutated(validRecord());
  }

  @Provide
  Arbitrary<byte[]> extreme() {
    return HostileInputs.utf8(HostileInputs.extremeRecords());
  }

  @Provide
  Arbitrary<byte[]> huge() {
    return HostileInputs.utf8(HostileInputs.hugeStrings());
  }
}
