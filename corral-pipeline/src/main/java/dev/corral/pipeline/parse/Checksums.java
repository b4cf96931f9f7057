package dev.corral.pipeline.parse;

/** The check digits that tell real card numbers and IBANs from other runs of digits. Stateless. */
final class Checksums {
  private Checksums() {}

  /** Whether {@code digits} (only digits) pass the Luhn check that every payment card number passes. */
  static boolean luhn(CharSequence digits) {
    int sum = 0;
    boolean doubled = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int digit = digits.charAt(i) - '0';
      if (doubled) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }

  /**
   * Whether {@code iban} (upper-case letters and digits, no spaces) passes ISO 13616's mod-97
   * check: the first four characters moved to the end, letters as 10..35, the number mod 97 is 1.
   */
  static boolean iban(CharSequence iban) {
    int remainder = 0;
    for (int i = 0; i < iban.length(); i++) {
      char c = iban.charAt((i + 4) % iban.length());
      int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
      remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
    }
    return remainder == 1;
  }
}
