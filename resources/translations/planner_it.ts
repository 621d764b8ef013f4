<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>AccountsModel</name>
    <message>
        <location filename="../../planner/ui/accounts_model.py" line="52"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_model.py" line="53"/>
        <source>City</source>
        <translation>Comune</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_model.py" line="54"/>
        <source>Stage</source>
        <translation>Fase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_model.py" line="55"/>
        <source>Amount</source>
        <translation>Importo</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_model.py" line="57"/>
        <source>Prob.</source>
        <translation>Prob.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_model.py" line="60"/>
        <source>Visit value</source>
        <translation>Valore visita</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_model.py" line="62"/>
        <source>Plan</source>
        <translation>Piano</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_model.py" line="64"/>
        <source>Overdue (d)</source>
        <translation>Ritardo (g)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_model.py" line="68"/>
        <source>Last visit</source>
        <translation>Ultima visita</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_model.py" line="70"/>
        <source>Pin</source>
        <translation>Posizione</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_model.py" line="73"/>
        <source>Owner</source>
        <translation>Responsabile</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_model.py" line="200"/>
        <source>doubtful pin: %s</source>
        <translation>posizione dubbia: %s</translation>
    </message>
</context>
<context>
    <name>AccountsPanel</name>
    <message>
        <location filename="../../planner/ui/accounts_panel.py" line="41"/>
        <source>Filter: name, town, owner…</source>
        <translation>Filtro: nome, comune, responsabile…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_panel.py" line="47"/>
        <source>Overdue</source>
        <translation>In ritardo</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_panel.py" line="48"/>
        <source>All reps</source>
        <translation>Tutti gli agenti</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_panel.py" line="50"/>
        <source>Show every rep&apos;s accounts, not only the selected rep&apos;s territory</source>
        <translation>Mostra i clienti di tutti gli agenti, non solo il territorio dell&apos;agente scelto</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_panel.py" line="93"/>
        <source>All stages</source>
        <translation>Tutte le fasi</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_panel.py" line="95"/>
        <source>Any pin</source>
        <translation>Ogni posizione</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_panel.py" line="96"/>
        <source>doubtful pins</source>
        <translation>posizioni dubbie</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_panel.py" line="98"/>
        <source>All owners</source>
        <translation>Tutti i responsabili</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_panel.py" line="100"/>
        <source>Any plan</source>
        <translation>Ogni esito</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_panel.py" line="169"/>
        <source>New appointment…</source>
        <translation>Nuovo appuntamento…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/accounts_panel.py" line="170"/>
        <source>Find a slot…</source>
        <translation>Trova un orario…</translation>
    </message>
</context>
<context>
    <name>AppointmentDialog</name>
    <message>
        <location filename="../../planner/ui/dialogs/appointment_dialog.py" line="27"/>
        <source>New appointment</source>
        <translation>Nuovo appuntamento</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/appointment_dialog.py" line="34"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/appointment_dialog.py" line="37"/>
        <source>Fixed: this day and time</source>
        <translation>Fisso: questo giorno e quest&apos;ora</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/appointment_dialog.py" line="38"/>
        <source>Flexible on the day</source>
        <translation>Flessibile nel giorno</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/appointment_dialog.py" line="39"/>
        <source>Flexible in the week</source>
        <translation>Flessibile nella settimana</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/appointment_dialog.py" line="45"/>
        <source>Account</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/appointment_dialog.py" line="46"/>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/appointment_dialog.py" line="47"/>
        <source>Length</source>
        <translation>Durata</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/appointment_dialog.py" line="48"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/appointment_dialog.py" line="49"/>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="55"/>
        <source>Choose a CRM export</source>
        <translation>Scegli un&apos;esportazione CRM</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="56"/>
        <source>Salesforce or HubSpot exports, CSV (any delimiter) or Excel.</source>
        <translation>Esportazioni Salesforce o HubSpot, CSV (qualsiasi separatore) o Excel.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="59"/>
        <source>Browse…</source>
        <translation>Sfoglia…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="73"/>
        <source>Import accounts</source>
        <translation>Importa clienti</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="304"/>
        <source>Import accounts</source>
        <translation>Importa clienti</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <location filename="../../planner/ui/inspector.py" line="43"/>
        <location filename="../../planner/ui/inspector.py" line="105"/>
        <source>Select an account to see its details.</source>
        <translation>Seleziona un cliente per vederne i dettagli.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="55"/>
        <source>Set manual pin</source>
        <translation>Imposta posizione manuale</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="69"/>
        <source>Value this week</source>
        <translation>Valore questa settimana</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="68"/>
        <source>Planner says</source>
        <translation>Il pianificatore dice</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="70"/>
        <source>Pin (lat, lon)</source>
        <translation>Posizione (lat, lon)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="113"/>
        <source>not planned yet</source>
        <translation>non ancora pianificato</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="132"/>
        <source>CRM id</source>
        <translation>ID CRM</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="133"/>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="134"/>
        <source>Pin</source>
        <translation>Posizione</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="136"/>
        <source>Amount</source>
        <translation>Importo</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="138"/>
        <source>Stage</source>
        <translation>Fase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="140"/>
        <source>Probability</source>
        <translation>Probabilità</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="143"/>
        <source>Close date</source>
        <translation>Data di chiusura</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="144"/>
        <source>Last visit</source>
        <translation>Ultima visita</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="146"/>
        <source>Cadence</source>
        <translation>Cadenza</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="147"/>
        <source>every %d days</source>
        <translation>ogni %d giorni</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="149"/>
        <source>Meeting</source>
        <translation>Incontro</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="151"/>
        <source>Opening hours</source>
        <translation>Orari di apertura</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="154"/>
        <source>Owner</source>
        <translation>Responsabile</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="155"/>
        <source>Contact</source>
        <translation>Contatto</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="156"/>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="165"/>
        <source>customer</source>
        <translation>cliente</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="165"/>
        <source>account</source>
        <translation>cliente potenziale</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="168"/>
        <source>tier %s %s (%s)</source>
        <translation>fascia %s, %s (%s)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="169"/>
        <source>visit every %s days; last visit %s× that ago</source>
        <translation>visita ogni %s giorni; ultima visita %s× quel periodo fa</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="174"/>
        <source>× weight %s</source>
        <translation>× peso %s</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="178"/>
        <source>must visit</source>
        <translation>da visitare</translation>
    </message>
    <message>
        <location filename="../../planner/ui/inspector.py" line="181"/>
        <source>excluded: %s</source>
        <translation>escluso: %s</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../planner/ui/window_layout.py" line="58"/>
        <source>Accounts</source>
        <translation>Clienti</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_layout.py" line="59"/>
        <source>Week plan</source>
        <translation>Piano settimanale</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_layout.py" line="60"/>
        <source>Account</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_layout.py" line="61"/>
        <source>Serve remotely</source>
        <translation>Da servire a distanza</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_layout.py" line="63"/>
        <source>Territories</source>
        <translation>Territori</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_layout.py" line="65"/>
        <source>Team</source>
        <translation>Squadra</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="56"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="60"/>
        <source>&amp;New workspace…</source>
        <translation>&amp;Nuovo spazio di lavoro…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="63"/>
        <source>&amp;Open workspace…</source>
        <translation>&amp;Apri spazio di lavoro…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="67"/>
        <source>Open &amp;team workspace…</source>
        <translation>Apri area di lavoro di &amp;squadra…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="72"/>
        <source>Save workspace &amp;as…</source>
        <translation>Salva spazio di lavoro &amp;come…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="81"/>
        <source>&amp;Import accounts…</source>
        <translation>&amp;Importa clienti…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="84"/>
        <source>&amp;Export</source>
        <translation>&amp;Esporta</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="90"/>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="95"/>
        <source>&amp;Edit</source>
        <translation>&amp;Modifica</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="97"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annulla</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="99"/>
        <source>&amp;Redo</source>
        <translation>&amp;Ripeti</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="104"/>
        <source>&amp;Find account</source>
        <translation>&amp;Trova cliente</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="111"/>
        <source>&amp;Plan</source>
        <translation>&amp;Pianifica</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="114"/>
        <source>&amp;Geocode accounts</source>
        <translation>&amp;Geocodifica clienti</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="116"/>
        <source>Rep profile and &amp;costs…</source>
        <translation>Profilo agente e &amp;costi…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="118"/>
        <source>Customer &amp;tiers…</source>
        <translation>&amp;Fasce clienti…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="119"/>
        <source>E&amp;xchange rates…</source>
        <translation>&amp;Tassi di cambio…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="125"/>
        <source>&amp;Plan week…</source>
        <translation>&amp;Pianifica settimana…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="128"/>
        <source>&amp;Re-optimise</source>
        <translation>&amp;Riottimizza</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="134"/>
        <source>Plan the whole &amp;team</source>
        <translation>Pianifica tutta la &amp;squadra</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="143"/>
        <source>&amp;View</source>
        <translation>&amp;Visualizza</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="147"/>
        <source>Distances in &amp;miles</source>
        <translation>Distanze in &amp;miglia</translation>
    </message>
    <message>
        <location filename="../../planner/ui/window_menus.py" line="151"/>
        <source>&amp;Language</source>
        <translation>&amp;Lingua</translation>
    </message>
    <message>
        <location filename="../../planner/ui/week_toolbar.py" line="20"/>
        <source>Rep</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location filename="../../planner/ui/week_toolbar.py" line="23"/>
        <source> Rep: </source>
        <translation> Agente: </translation>
    </message>
    <message>
        <location filename="../../planner/ui/week_toolbar.py" line="29"/>
        <source>Previous week</source>
        <translation>Settimana precedente</translation>
    </message>
    <message>
        <location filename="../../planner/ui/week_toolbar.py" line="31"/>
        <source>Next week</source>
        <translation>Settimana successiva</translation>
    </message>
    <message>
        <location filename="../../planner/ui/week_toolbar.py" line="56"/>
        <source>  week of %s</source>
        <translation>  settimana del %s</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="161"/>
        <source>Not saved</source>
        <translation>Non salvato</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="169"/>
        <source>Not changed: %s</source>
        <translation>Nessuna modifica: %s</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="134"/>
        <source>The map is not available: %s</source>
        <translation>La mappa non è disponibile: %s</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="175"/>
        <source>Select accounts in the table first</source>
        <translation>Seleziona prima i clienti nella tabella</translation>
    </message>
    <message>
        <location filename="../../planner/ui/calendar_actions.py" line="46"/>
        <source>New appointment</source>
        <translation>Nuovo appuntamento</translation>
    </message>
    <message>
        <location filename="../../planner/ui/calendar_actions.py" line="50"/>
        <source>Appointment added: plan the week again to fit it in</source>
        <translation>Appuntamento aggiunto: ripianifica la settimana per inserirlo</translation>
    </message>
    <message>
        <location filename="../../planner/ui/calendar_actions.py" line="60"/>
        <source>Find a slot</source>
        <translation>Trova un orario</translation>
    </message>
    <message>
        <location filename="../../planner/ui/calendar_actions.py" line="67"/>
        <source>No slot fits this week or next.</source>
        <translation>Nessun orario libero questa settimana o la prossima.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/status_line.py" line="22"/>
        <source>%d accounts (%d shown) · %d on the map</source>
        <translation>%d clienti (%d mostrati) · %d sulla mappa</translation>
    </message>
    <message>
        <location filename="../../planner/ui/status_line.py" line="30"/>
        <source>%d town/postcode pins, %d accounts share a pin</source>
        <translation>%d posizioni a livello di comune/CAP, %d clienti condividono una posizione</translation>
    </message>
    <message>
        <location filename="../../planner/ui/status_line.py" line="35"/>
        <source>week of %s: %d visits, %s, value %s, cost %s</source>
        <translation>settimana del %s: %d visite, %s, valore %s, costo %s</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="127"/>
        <source>Calendar (.ics)…</source>
        <translation>Calendario (.ics)…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="128"/>
        <source>Navigation route (GPX)…</source>
        <translation>Percorso di navigazione (GPX)…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="129"/>
        <source>Spreadsheet itinerary (CSV)…</source>
        <translation>Itinerario per foglio di calcolo (CSV)…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="130"/>
        <source>Printable itinerary (PDF)…</source>
        <translation>Itinerario stampabile (PDF)…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="131"/>
        <source>Map page (HTML)…</source>
        <translation>Pagina mappa (HTML)…</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="97"/>
        <source>Check the columns</source>
        <translation>Controlla le colonne</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="99"/>
        <source>Each column&apos;s field was guessed from its header; change any that is wrong.</source>
        <translation>Il campo di ogni colonna è stato dedotto dall&apos;intestazione; correggi quelli sbagliati.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="133"/>
        <source>Recognised as: %s · %s, delimiter %r · %d rows</source>
        <translation>Riconosciuto come: %s · %s, separatore %r · %d righe</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="145"/>
        <source>(ignore)</source>
        <translation>(ignora)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="111"/>
        <source>from country</source>
        <translation>dal paese</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="116"/>
        <source>Country of rows without one:</source>
        <translation>Paese delle righe senza paese:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="119"/>
        <source>Currency of amounts without one:</source>
        <translation>Valuta degli importi senza valuta:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="159"/>
        <source>%s found from its values (column %s)</source>
        <translation>%s riconosciuto dai valori (colonna %s)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="168"/>
        <source>inferred: %s</source>
        <translation>dedotto: %s</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="170"/>
        <source>the file has a country column</source>
        <translation>il file ha una colonna del paese</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="172"/>
        <source>not inferred: the rows point to no single country</source>
        <translation>non dedotto: le righe non indicano un solo paese</translation>
    </message>
</context>
<context>
    <name>Navigate</name>
    <message>
        <location filename="../../planner/ui/navigate.py" line="33"/>
        <source>Google Maps</source>
        <translation>Google Maps</translation>
    </message>
    <message>
        <location filename="../../planner/ui/navigate.py" line="35"/>
        <source>Apple Maps</source>
        <translation>Mappe di Apple</translation>
    </message>
    <message>
        <location filename="../../planner/ui/navigate.py" line="36"/>
        <source>Waze</source>
        <translation>Waze</translation>
    </message>
    <message>
        <location filename="../../planner/ui/navigate.py" line="38"/>
        <source>Other app (geo:)</source>
        <translation>Altra app (geo:)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/navigate.py" line="42"/>
        <source>Copy Google Maps link</source>
        <translation>Copia il link di Google Maps</translation>
    </message>
    <message>
        <location filename="../../planner/ui/navigate.py" line="50"/>
        <source>Google Maps: the day&apos;s route</source>
        <translation>Google Maps: il percorso del giorno</translation>
    </message>
    <message>
        <location filename="../../planner/ui/navigate.py" line="52"/>
        <source>Google Maps: part %d of %d</source>
        <translation>Google Maps: parte %d di %d</translation>
    </message>
    <message>
        <location filename="../../planner/ui/navigate.py" line="59"/>
        <source>Copy the route&apos;s link</source>
        <translation>Copia il link del percorso</translation>
    </message>
    <message>
        <location filename="../../planner/ui/navigate.py" line="67"/>
        <source>Navigate</source>
        <translation>Naviga</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <location filename="../../planner/ui/dialogs/plan_dialog.py" line="25"/>
        <source>Plan the week</source>
        <translation>Pianifica la settimana</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/plan_dialog.py" line="33"/>
        <source>Consider hotel nights</source>
        <translation>Valuta i pernottamenti in hotel</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/plan_dialog.py" line="35"/>
        <source>Keep visits on their days (re-plan only what changed)</source>
        <translation>Mantieni le visite nei loro giorni (ripianifica solo ciò che è cambiato)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/plan_dialog.py" line="39"/>
        <source>Week starting</source>
        <translation>Settimana dal</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/plan_dialog.py" line="40"/>
        <source>Working days</source>
        <translation>Giorni lavorativi</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/plan_dialog.py" line="41"/>
        <source>Optimiser time</source>
        <translation>Tempo dell&apos;ottimizzatore</translation>
    </message>
</context>
<context>
    <name>PlanView</name>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="207"/>
        <source>No plan yet: choose Plan ▸ Plan week (Ctrl+P).</source>
        <translation>Nessun piano: scegli Pianifica ▸ Pianifica settimana (Ctrl+P).</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="244"/>
        <source>from hotel: %s</source>
        <translation>dall&apos;hotel: %s</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="248"/>
        <source>Closed now: %s. Plan the week again to move these visits.</source>
        <translation>Ora chiuso: %s. Pianifica di nuovo la settimana per spostare queste visite.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="257"/>
        <source>In the rep&apos;s calendar: no visit is planned in this time</source>
        <translation>Nel calendario dell&apos;agente: nessuna visita pianificata in questo orario</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="276"/>
        <source>ends at hotel</source>
        <translation>finisce in hotel</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="289"/>
        <source>Closed: %s</source>
        <translation>Chiuso: %s</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="315"/>
        <source>fixed appointment</source>
        <translation>appuntamento fisso</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="315"/>
        <source>appointment</source>
        <translation>appuntamento</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="319"/>
        <source>logged: done</source>
        <translation>registrata: fatta</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="319"/>
        <source>logged: not done</source>
        <translation>registrata: non fatta</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="321"/>
        <source>drive there: %s</source>
        <translation>tragitto: %s</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="329"/>
        <source>  lunch break %s–%s</source>
        <translation>  pausa pranzo %s–%s</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="338"/>
        <source>%d visits · %s · %s driving · cost %s · value %s</source>
        <translation>%d visite · %s · %s di guida · costo %s · valore %s</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="351"/>
        <source>Week: %d visits · value %s · %s · %s driving · cost %s</source>
        <translation>Settimana: %d visite · valore %s · %s · %s di guida · costo %s</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="358"/>
        <source>%s per mile</source>
        <translation>%s per miglio</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="358"/>
        <source>%s per km</source>
        <translation>%s al km</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="367"/>
        <source>Lock / unlock</source>
        <translation>Blocca / sblocca</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="368"/>
        <source>Remove from plan</source>
        <translation>Togli dal piano</translation>
    </message>
    <message>
        <location filename="../../planner/ui/plan_view.py" line="373"/>
        <source>Navigate</source>
        <translation>Naviga</translation>
    </message>
</context>
<context>
    <name>RatesDialog</name>
    <message>
        <location filename="../../planner/ui/dialogs/rates_dialog.py" line="68"/>
        <source>Exchange rates</source>
        <translation>Tassi di cambio</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rates_dialog.py" line="88"/>
        <source>Base currency</source>
        <translation>Valuta di base</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rates_dialog.py" line="102"/>
        <source>Add currency</source>
        <translation>Aggiungi valuta</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rates_dialog.py" line="104"/>
        <source>Remove</source>
        <translation>Rimuovi</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rates_dialog.py" line="115"/>
        <source>Plans value every account in the rep&apos;s currency. Accounts in another currency are converted at these rates, each the value of one unit in the base currency (e.g. 1 USD = 0.92 EUR). A currency left without a rate cannot be mixed with others.</source>
        <translation>I piani valutano ogni cliente nella valuta dell&apos;agente. I clienti in un&apos;altra valuta vengono convertiti a questi tassi, ciascuno il valore di un&apos;unità nella valuta di base (es. 1 USD = 0,92 EUR). Una valuta senza tasso non può essere combinata con le altre.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rates_dialog.py" line="128"/>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rates_dialog.py" line="129"/>
        <source>Value of 1 unit in %s</source>
        <translation>Valore di 1 unità in %s</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rates_dialog.py" line="130"/>
        <source>Accounts</source>
        <translation>Clienti</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rates_dialog.py" line="178"/>
        <source>Row %d: a currency is a three-letter code, e.g. USD</source>
        <translation>Riga %d: una valuta è un codice di tre lettere, es. USD</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rates_dialog.py" line="181"/>
        <source>%s is the base currency: its rate is always 1</source>
        <translation>%s è la valuta di base: il suo tasso è sempre 1</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rates_dialog.py" line="183"/>
        <source>%s appears twice</source>
        <translation>%s compare due volte</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rates_dialog.py" line="188"/>
        <source>The rate of %s must be more than 0</source>
        <translation>Il tasso di %s deve essere maggiore di 0</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rates_dialog.py" line="195"/>
        <source>The base currency is a three-letter code, e.g. EUR</source>
        <translation>La valuta di base è un codice di tre lettere, es. EUR</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rates_dialog.py" line="215"/>
        <source>%(new)s has no rate: give it its value in %(old)s first, then make it the base currency</source>
        <translation>%(new)s non ha un tasso: indica prima il suo valore in %(old)s, poi rendila la valuta di base</translation>
    </message>
</context>
<context>
    <name>RegionsDialog</name>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="48"/>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="176"/>
        <source>Regions</source>
        <translation>Regioni</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="52"/>
        <source>Road times and street addresses come from OpenStreetMap extracts built once on this computer (in %1) and used by every workspace.</source>
        <translation>Tempi su strada e indirizzi vengono da estratti OpenStreetMap preparati una volta su questo computer (in %1) e usati da ogni area di lavoro.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="59"/>
        <source>Region</source>
        <translation>Regione</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="59"/>
        <source>Addresses</source>
        <translation>Indirizzi</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="59"/>
        <source>Size</source>
        <translation>Dimensione</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="59"/>
        <source>Built</source>
        <translation>Preparata</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="60"/>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="66"/>
        <source>Add from &amp;file…</source>
        <translation>Aggiungi da &amp;file…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="67"/>
        <source>Add from &amp;URL or name…</source>
        <translation>Aggiungi da &amp;URL o nome…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="68"/>
        <source>&amp;Update</source>
        <translation>A&amp;ggiorna</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="69"/>
        <source>&amp;Remove</source>
        <translation>&amp;Rimuovi</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="110"/>
        <source>%1 (update needed)</source>
        <translation>%1 (da aggiornare)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="113"/>
        <source>Its road data is of an older kind or incomplete: road times are slower or missing. Select it and press Update to rebuild it.</source>
        <translation>I suoi dati stradali sono di un tipo precedente o incompleti: i tempi su strada sono più lenti o mancano. Selezionala e premi Aggiorna per ricostruirla.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="132"/>
        <source>OpenStreetMap extract</source>
        <translation>Estratto OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="132"/>
        <source>OSM extracts (*.osm.pbf *.pbf)</source>
        <translation>Estratti OSM (*.osm.pbf *.pbf)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="139"/>
        <source>Add a region</source>
        <translation>Aggiungi una regione</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="140"/>
        <source>An https URL of an .osm.pbf, or a Geofabrik region such as italy/nord-est:</source>
        <translation>Un URL https di un .osm.pbf, o una regione Geofabrik come italy/nord-est:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="152"/>
        <source>Adding a region</source>
        <translation>Aggiunta della regione</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="168"/>
        <source>Updating a region</source>
        <translation>Aggiornamento della regione</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="176"/>
        <source>%1 is up to date.</source>
        <translation>%1 è aggiornata.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="184"/>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="192"/>
        <source>Remove region</source>
        <translation>Rimuovi regione</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/regions_dialog.py" line="185"/>
        <source>Remove the region %1 and its road and address data?</source>
        <translation>Rimuovere la regione %1 e i suoi dati di strade e indirizzi?</translation>
    </message>
</context>
<context>
    <name>RemoteView</name>
    <message>
        <location filename="../../planner/ui/remote_view.py" line="32"/>
        <source>Account</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../planner/ui/remote_view.py" line="32"/>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
    <message>
        <location filename="../../planner/ui/remote_view.py" line="32"/>
        <source>Why remote</source>
        <translation>Perché a distanza</translation>
    </message>
    <message>
        <location filename="../../planner/ui/remote_view.py" line="81"/>
        <source>Video calls (%s)</source>
        <translation>Videochiamate (%s)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/remote_view.py" line="82"/>
        <source>Phone calls (%s)</source>
        <translation>Telefonate (%s)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/remote_view.py" line="83"/>
        <source>Remote (%s)</source>
        <translation>A distanza (%s)</translation>
    </message>
</context>
<context>
    <name>RepDialog</name>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="31"/>
        <source>Mon</source>
        <translation>Lun</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="32"/>
        <source>Tue</source>
        <translation>Mar</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="33"/>
        <source>Wed</source>
        <translation>Mer</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="34"/>
        <source>Thu</source>
        <translation>Gio</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="35"/>
        <source>Fri</source>
        <translation>Ven</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="36"/>
        <source>Sat</source>
        <translation>Sab</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="37"/>
        <source>Sun</source>
        <translation>Dom</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="61"/>
        <source>Rep profile and costs</source>
        <translation>Profilo agente e costi</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="94"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="95"/>
        <source>Home address</source>
        <translation>Indirizzo di casa</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="99"/>
        <source>Home (lat, lon)</source>
        <translation>Casa (lat, lon)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="103"/>
        <source>Working days</source>
        <translation>Giorni lavorativi</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="104"/>
        <source>Working hours</source>
        <translation>Orario di lavoro</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="105"/>
        <source>Lunch window</source>
        <translation>Fascia del pranzo</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="106"/>
        <source>Lunch break</source>
        <translation>Pausa pranzo</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="107"/>
        <source>Max driving per day</source>
        <translation>Guida massima al giorno</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="108"/>
        <source>Cost per km</source>
        <translation>Costo al km</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="109"/>
        <source>Cost per hour</source>
        <translation>Costo orario</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="110"/>
        <source>Hotel per night</source>
        <translation>Hotel a notte</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="111"/>
        <source>Meal allowance per night</source>
        <translation>Diaria per notte</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="112"/>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/rep_dialog.py" line="113"/>
        <source>Time zone</source>
        <translation>Fuso orario</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="192"/>
        <source>Import report</source>
        <translation>Esito dell&apos;importazione</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="195"/>
        <source>Importing…</source>
        <translation>Importazione in corso…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="198"/>
        <source>Import corrected rows</source>
        <translation>Importa le righe corrette</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="231"/>
        <source>Importing</source>
        <translation>Importazione</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="203"/>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="244"/>
        <source>Row</source>
        <translation>Riga</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="203"/>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="244"/>
        <source>Column</source>
        <translation>Colonna</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="244"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="203"/>
        <source>Value left empty because</source>
        <translation>Valore lasciato vuoto perché</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/import_wizard.py" line="260"/>
        <source>%d values could not be read and were left empty (the rows were imported):</source>
        <translation>%d valori non leggibili sono stati lasciati vuoti (le righe sono state importate):</translation>
    </message>
</context>
<context>
    <name>TeamView</name>
    <message>
        <location filename="../../planner/ui/team_view.py" line="30"/>
        <source>Rep</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_view.py" line="31"/>
        <source>Visits</source>
        <translation>Visite</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_view.py" line="32"/>
        <source>Remote</source>
        <translation>A distanza</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_view.py" line="33"/>
        <source>Distance</source>
        <translation>Distanza</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_view.py" line="34"/>
        <source>Driving</source>
        <translation>Guida</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_view.py" line="35"/>
        <source>Cost</source>
        <translation>Costo</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_view.py" line="36"/>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_view.py" line="37"/>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_view.py" line="38"/>
        <source>Utilisation</source>
        <translation>Utilizzo</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_view.py" line="39"/>
        <source>Nights away</source>
        <translation>Notti fuori</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_view.py" line="55"/>
        <source>Plan the whole team</source>
        <translation>Pianifica tutta la squadra</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_view.py" line="71"/>
        <source>Week of</source>
        <translation>Settimana del</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_view.py" line="111"/>
        <source>not planned</source>
        <translation>non pianificata</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_view.py" line="123"/>
        <source>No reps in this workspace.</source>
        <translation>Nessun agente in quest&apos;area di lavoro.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_view.py" line="125"/>
        <source>No plans for this week yet: plan the whole team.</source>
        <translation>Ancora nessun piano per questa settimana: pianifica tutta la squadra.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_view.py" line="129"/>
        <source>%d of %d reps planned · %d visits · %s · mean utilisation %d %%</source>
        <translation>%d agenti su %d pianificati · %d visite · %s · utilizzo medio %d %%</translation>
    </message>
</context>
<context>
    <name>TeamWorkflows</name>
    <message>
        <location filename="../../planner/ui/team_workflows.py" line="77"/>
        <source>Open team workspace</source>
        <translation>Apri area di lavoro di squadra</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_workflows.py" line="78"/>
        <source>A team workspace is a postgresql://user@host:port/database address.</source>
        <translation>Un&apos;area di lavoro di squadra è un indirizzo postgresql://utente@host:porta/database.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_workflows.py" line="107"/>
        <source>Plan the whole team</source>
        <translation>Pianifica tutta la squadra</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_workflows.py" line="121"/>
        <source>Planning the whole team</source>
        <translation>Pianificazione di tutta la squadra</translation>
    </message>
</context>
<context>
    <name>TeamWorkspaceDialog</name>
    <message>
        <location filename="../../planner/ui/team_workflows.py" line="38"/>
        <source>Open team workspace</source>
        <translation>Apri area di lavoro di squadra</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_workflows.py" line="44"/>
        <source>from ~/.pgpass or PGPASSWORD when empty</source>
        <translation>da ~/.pgpass o PGPASSWORD se vuota</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_workflows.py" line="51"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../planner/ui/team_workflows.py" line="52"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>TerritoriesPanel</name>
    <message>
        <location filename="../../planner/ui/territories_panel.py" line="28"/>
        <source>Rep</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location filename="../../planner/ui/territories_panel.py" line="29"/>
        <source>Accounts</source>
        <translation>Clienti</translation>
    </message>
    <message>
        <location filename="../../planner/ui/territories_panel.py" line="30"/>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
    <message>
        <location filename="../../planner/ui/territories_panel.py" line="31"/>
        <source>Workload h</source>
        <translation>Carico h</translation>
    </message>
    <message>
        <location filename="../../planner/ui/territories_panel.py" line="32"/>
        <source>Capacity h</source>
        <translation>Capacità h</translation>
    </message>
    <message>
        <location filename="../../planner/ui/territories_panel.py" line="33"/>
        <source>Travel km/wk</source>
        <translation>Km/sett.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/territories_panel.py" line="34"/>
        <source>Spread km</source>
        <translation>Dispersione km</translation>
    </message>
    <message>
        <location filename="../../planner/ui/territories_panel.py" line="41"/>
        <source>workload</source>
        <translation>carico di lavoro</translation>
    </message>
    <message>
        <location filename="../../planner/ui/territories_panel.py" line="42"/>
        <source>value</source>
        <translation>valore</translation>
    </message>
    <message>
        <location filename="../../planner/ui/territories_panel.py" line="43"/>
        <source>workload and value</source>
        <translation>carico e valore</translation>
    </message>
    <message>
        <location filename="../../planner/ui/territories_panel.py" line="57"/>
        <source>Balance territories</source>
        <translation>Bilancia i territori</translation>
    </message>
    <message>
        <location filename="../../planner/ui/territories_panel.py" line="71"/>
        <source>Give selected accounts to</source>
        <translation>Assegna i clienti selezionati a</translation>
    </message>
    <message>
        <location filename="../../planner/ui/territories_panel.py" line="74"/>
        <source>Balance</source>
        <translation>Bilancia</translation>
    </message>
    <message>
        <location filename="../../planner/ui/territories_panel.py" line="111"/>
        <source>No territories yet: balance them, or give accounts to reps by hand.</source>
        <translation>Nessun territorio: bilanciali o assegna i clienti agli agenti a mano.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/territories_panel.py" line="113"/>
        <source>Workload spread ±%.1f %% · value spread ±%.1f %% · %d unassigned</source>
        <translation>Scarto di carico ±%.1f %% · scarto di valore ±%.1f %% · %d non assegnati</translation>
    </message>
    <message>
        <location filename="../../planner/ui/territories_panel.py" line="119"/>
        <source>%d accounts change hands</source>
        <translation>%d clienti cambiano agente</translation>
    </message>
</context>
<context>
    <name>TiersDialog</name>
    <message>
        <location filename="../../planner/ui/dialogs/tiers_dialog.py" line="30"/>
        <source>Customer tiers</source>
        <translation>Fasce clienti</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/tiers_dialog.py" line="33"/>
        <source>Tier</source>
        <translation>Fascia</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/tiers_dialog.py" line="34"/>
        <source>Visit every (days)</source>
        <translation>Visita ogni (giorni)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/tiers_dialog.py" line="35"/>
        <source>Visit value when due (%s)</source>
        <translation>Valore della visita quando dovuta (%s)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/tiers_dialog.py" line="49"/>
        <source>Tier of accounts nothing else places</source>
        <translation>Fascia dei clienti non altrimenti classificati</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dialogs/tiers_dialog.py" line="53"/>
        <source>An account&apos;s tier comes from a tag such as &apos;Tier A&apos;, else its annual revenue, else the default tier. Overdue A-customers gain value fastest.</source>
        <translation>La fascia di un cliente viene da un&apos;etichetta come &apos;Tier A&apos;, altrimenti dal fatturato annuo, altrimenti dalla fascia predefinita. I clienti A in ritardo guadagnano valore più in fretta.</translation>
    </message>
</context>
<context>
    <name>TravelActions</name>
    <message>
        <location filename="../../planner/ui/travel_menu.py" line="24"/>
        <source>&amp;Travel</source>
        <translation>Via&amp;ggi</translation>
    </message>
    <message>
        <location filename="../../planner/ui/travel_menu.py" line="25"/>
        <source>&amp;Regions…</source>
        <translation>&amp;Regioni…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/travel_menu.py" line="26"/>
        <source>Check the plan on &amp;roads</source>
        <translation>Verifica il piano su &amp;strada</translation>
    </message>
    <message>
        <location filename="../../planner/ui/travel_menu.py" line="38"/>
        <location filename="../../planner/ui/travel_menu.py" line="53"/>
        <source>Check on roads</source>
        <translation>Verifica su strada</translation>
    </message>
    <message>
        <location filename="../../planner/ui/travel_menu.py" line="39"/>
        <source>Plan a week first.</source>
        <translation>Pianifica prima una settimana.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/travel_menu.py" line="47"/>
        <source>Checking the plan on roads</source>
        <translation>Verifica del piano su strada</translation>
    </message>
</context>
<context>
    <name>Workflows</name>
    <message>
        <location filename="../../planner/ui/workflows.py" line="54"/>
        <source>New workspace</source>
        <translation>Nuovo spazio di lavoro</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="61"/>
        <location filename="../../planner/ui/workflows.py" line="88"/>
        <source>Open workspace</source>
        <translation>Apri spazio di lavoro</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="68"/>
        <location filename="../../planner/ui/workflows.py" line="76"/>
        <source>Save workspace as</source>
        <translation>Salva spazio di lavoro come</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="115"/>
        <location filename="../../planner/ui/workflows.py" line="121"/>
        <source>Geocoding</source>
        <translation>Geocodifica</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="137"/>
        <location filename="../../planner/ui/workflows.py" line="141"/>
        <source>Export</source>
        <translation>Esporta</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="137"/>
        <source>Plan a week first.</source>
        <translation>Pianifica prima una settimana.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="161"/>
        <source>Exported %s</source>
        <translation>Esportato %s</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="165"/>
        <source>Exporting</source>
        <translation>Esportazione in corso</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="183"/>
        <source>Territories</source>
        <translation>Territori</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="184"/>
        <source>Import at least two reps first.</source>
        <translation>Importa prima almeno due agenti.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="195"/>
        <source>Balance territories</source>
        <translation>Bilancia i territori</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="198"/>
        <source>Balancing territories</source>
        <translation>Bilanciamento dei territori</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="204"/>
        <source>Me</source>
        <translation>Io</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="239"/>
        <source>Plan the week</source>
        <translation>Pianifica la settimana</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="240"/>
        <source>Set the rep&apos;s home location first.</source>
        <translation>Imposta prima la posizione di casa dell&apos;agente.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="260"/>
        <source>Plan week</source>
        <translation>Pianifica settimana</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workflows.py" line="263"/>
        <source>Planning the week</source>
        <translation>Pianificazione della settimana</translation>
    </message>
</context>
<context>
    <name>launch</name>
    <message>
        <location filename="../../planner/ui/launch.py" line="80"/>
        <source>Preparing the demo territory…</source>
        <translation>Preparazione del territorio dimostrativo…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/launch.py" line="81"/>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../planner/ui/progress_ui.py" line="30"/>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
</TS>
