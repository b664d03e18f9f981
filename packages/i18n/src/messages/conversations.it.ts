/** Private conversations between two and twenty people. */
export const conversationsIt = {
  'notifications.kind.conversation_message': '{actor} ti ha scritto in privato: «{title}»',
  'notifications.kind.conversation_flag': '{actor} chiede ai moderatori di intervenire nella conversazione «{title}»',
  'error.no_recipients': 'Scegli almeno una persona oltre a te.',
  'error.too_many_people': 'Una conversazione può riunire al massimo 20 persone.',
  'error.person_not_found': 'Non troviamo una delle persone indicate.',
  'error.recipient_unavailable':
    'Una delle persone indicate non può più ricevere messaggi: il suo account non è attivo.',
  'error.recipient_not_accepting': 'Una delle persone indicate non accetta messaggi privati.',
  'error.invalid_reason': 'Spiega in poche parole il motivo (al massimo 1.000 caratteri).',
};
