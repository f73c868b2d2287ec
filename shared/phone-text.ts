/** "+13035550101" → "(303) 555-0101": main stores E.164, office staff read US numbers. Others stay as stored. */
export function formatPhone(phone: string | null): string | null {
  const us = phone ? /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone) : null;
  return us ? `(${us[1]}) ${us[2]}-${us[3]}` : phone;
}
