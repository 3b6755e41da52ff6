import { describe, expect, it } from 'vitest';
import { AddressBook } from './addressBook.js';

describe('AddressBook', () => {
  it('labels a known address by name and short checksummed form, matching any case', () => {
    const book = new AddressBook().add('0xd9db270c1b5e3bd161e8c8503c55ceabee709552', 'Vault');
    expect(book.label('0xD9DB270C1B5E3BD161E8C8503C55CEABEE709552'.replace('0X', '0x'))).toBe('Vault (0xd9Db…9552)');
    expect(book.label('0x0000000000000000000000000000000000000001')).toBe('0x0000000000000000000000000000000000000001');
  });

  it('keeps the first name given, so a later default cannot rename what the guardian named', () => {
    const book = new AddressBook()
      .add('0x0000000000000000000000000000000000000001', 'Treasury')
      .add('0x0000000000000000000000000000000000000001', 'this Safe');
    expect(book.nameOf('0x0000000000000000000000000000000000000001')).toBe('Treasury');
  });
});
