/**
 * Fictional Swedish personal numbers for the booking figure: YYYYMMDD + three serial digits + a Luhn
 * check digit over the ten-digit form. The sandbox's test-BankID turns any valid number into a
 * generated person, so 50 of these are 50 different patients.
 * @module
 */

/** Luhn check digit of a string of digits (weights 2,1,2,1… from the left, as for personnummer). */
export function luhnCheckDigit(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * `count` distinct valid 12-digit personnummer of adults (born 1960–1999), deterministic for a seed.
 * Serial numbers start at 900 to stay clear of the sandbox's named test persons.
 */
export function generatePersonnummer(count, seed = 1) {
  const numbers = [];
  for (let i = 0; i < count; i += 1) {
    const n = seed * 7919 + i * 104729;
    const year = 1960 + (n % 40);
    const month = 1 + ((n >> 3) % 12);
    const day = 1 + ((n >> 7) % 28);
    const serial = 900 + (i % 100);
    const ten = `${String(year).slice(2)}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${serial}`;
    numbers.push(`${year}${ten.slice(2)}${luhnCheckDigit(ten)}`);
  }
  if (new Set(numbers).size !== numbers.length) throw new Error('generated personal numbers collide');
  return numbers;
}
