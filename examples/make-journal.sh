#!/usr/bin/env bash
# How examples/journal was made: every record below was written by the real coltiva binary.
#
# Usage: examples/make-journal.sh [COLTIVA-BINARY] [TARGET-DIR]
#   (defaults: `coltiva` on the PATH, examples/journal next to this script)
#
# Promise ids are random, so a new run makes a journal that differs from the committed one in
# its ids (and in nothing else). The committed journal also carries a few comments added by
# hand afterwards, to show that coltiva keeps them.
#
# The story: Ottoni Mella S.r.l., a maker of brass valves and fittings in Lumezzane (Brescia),
# and nine of its relationships, as of Monday 23 November 2026.
set -euo pipefail

BIN=${1:-coltiva}
J=${2:-"$(dirname "$0")/journal"}
if [ -e "$J" ]; then
  echo "$J already exists; remove it first" >&2
  exit 1
fi
c() { "$BIN" --dir "$J" --today 2026-11-23 "$@"; }

c init "$J"
# Cadences that differ from the 30-day default: by phase, and for two tags.
python3 - "$J/coltiva.toml" <<'EOF'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
for old, new in [
    ('# potential = "60d"', 'potential = "60d"'),
    ('# new = "14d"', 'new = "14d"'),
    ('# lost = "90d"', 'lost = "90d"'),
    ('# vip = "14d"', '# vip = "14d"\nexport = "45d"\nagenti = "7d"'),
    ('# coltiva journal settings. Every value below is the default; change what you need.\n',
     '# coltiva journal settings. Every value below is the default; change what you need.\n'
     '# (This example journal sets three phase cadences and two tag cadences.)\n'),
]:
    assert old in text, old
    text = text.replace(old, new, 1)
open(path, "w", encoding="utf-8").write(text)
EOF

# 1. Idrotermica Rossi: a plumbing wholesaler in Brescia that buys every few months (acquired).
r=$(c add "Idrotermica Rossi S.r.l." --id idrotermica-rossi --since 2024-11-04 --tag idraulica --tag lombardia \
      --set territory=Brescia --set "referente=Paola Rossi" --set "pagamento=RiBa 60 gg")
c log "$r" "Prima visita in sede: presentato il catalogo valvole a sfera a Paola Rossi" --channel visit --at 2024-11-04T10:30+01:00
c log "$r" "Chiedono il listino 2025" --channel email --in --at 2024-11-20
c order "$r" 4800 --ref FT-2024-311 --at 2024-12-02
c order "$r" 2350.50 --ref FT-2025-052 --at 2025-02-17
c log "$r" "Riunione sulle valvole DN15–DN50 per il 2025/2026" --channel meeting --at 2025-05-05T15:00+02:00
p=$(c promise "$r" "Inviare offerta per valvole a sfera DN15–DN50" --at 2025-05-05 --due 2025-05-09)
c keep "$p" --at 2025-05-08
c order "$r" 6120 --ref FT-2025-121 --at 2025-05-12
c log "$r" "Paola chiama per un riordino" --in --at 2025-09-01
c order "$r" 3980.40 --ref FT-2025-198 --at 2025-09-08
p=$(c promise "$r" "Pagare fattura FT-2025-198" --by them --payment --at 2025-09-08 --due 2025-11-07)
c keep "$p" --at 2025-11-05
c log "$r" "Confermato l'ordine di gennaio, consegna entro fine mese" --channel email --at 2026-01-12
p=$(c promise "$r" "Consegnare l'ordine di gennaio entro fine mese" --at 2026-01-12 --due 2026-01-30)
c order "$r" 5200 --ref FT-2026-014 --at 2026-01-19
c keep "$p" --at 2026-02-03 --note "partito il 3 febbraio: mancavano i raccordi da 3/4\""
c order "$r" 2740 --ref FT-2026-071 --at 2026-04-13
c log "$r" "Visita in magazzino con Paola e il nuovo magazziniere" --channel visit --at 2026-06-30T09:00+02:00
c order "$r" 7310.80 --ref FT-2026-140 --at 2026-07-06
p=$(c promise "$r" "Saldare fattura FT-2026-140" --by them --payment --at 2026-07-06 --due 2026-09-04)
c renegotiate "$p" --due 2026-09-30 --at 2026-09-02 --note "Paola ha avvisato prima della scadenza: chiusura di bilancio"
c keep "$p" --at 2026-09-29
c order "$r" 4450 --ref FT-2026-244 --at 2026-10-12
p_rossi_pay=$(c promise "$r" "Pagare fattura FT-2026-244 (RiBa 30 gg)" --by them --payment --at 2026-10-12 --due 2026-11-25)
c log "$r" "Segnalano 3 valvole DN25 che perdono dal premistoppa" --channel email --in --at 2026-11-02
p=$(c promise "$r" "Sostituire le 3 valvole DN25 difettose" --at 2026-11-02 --due 2026-11-13)
c keep "$p" --at 2026-11-12
c log "$r" "Paola va in maternità da gennaio.
Nuovo referente: Luca \"il geometra\" Rossi, il cugino." --channel note --at 2026-11-10
c keep "$p_rossi_pay" --at 2026-11-23T09:00+01:00 --note "RiBa pagata in anticipo"
c log "$r" "Chiamata a Paola: pagamento arrivato, le mando il listino 2027" --at 2026-11-23T09:15+01:00
c promise "$r" "Mandare il listino 2027 a Paola" --at 2026-11-23T09:20+01:00 --due 2026-11-27 >/dev/null

# 2. Termoidraulica Veneta: co-designs a line of manifolds with us (partner, pinned).
v=$(c add "Termoidraulica Veneta S.n.c." --id termoidraulica-veneta --since 2024-12-09 --tag idraulica --tag veneto --cadence 14d \
      --set territory=Treviso --set "referente=Giorgio Dal Bello")
c log "$v" "Presentati da Marco Bellini a Giorgio Dal Bello" --channel meeting --at 2024-12-09
c order "$v" 3200 --ref FT-2025-009 --at 2025-01-20
c order "$v" 5600 --ref FT-2025-088 --at 2025-04-14
c order "$v" 8900 --ref FT-2025-160 --at 2025-07-21
c log "$v" "Visita a Treviso: idea di un collettore per pavimento radiante fatto insieme" --channel visit --at 2025-10-13T11:00+02:00
c order "$v" 6400 --ref FT-2025-231 --at 2025-10-20
c order "$v" 12500 --ref FT-2026-021 --at 2026-01-26
c log "$v" "Incontro con il loro titolare: si parte con la linea di collettori" --channel meeting --at 2026-03-09T14:30+01:00
c phase "$v" partner --at 2026-03-09 --reason "Accordo con il titolare per co-progettare la linea di collettori per pavimento radiante"
p=$(c promise "$v" "Disegni 3D del collettore a 8 vie" --at 2026-03-09 --due 2026-04-10)
c renegotiate "$p" --due 2026-04-24 --at 2026-04-08 --note "aspettiamo le quote del fornitore di guarnizioni"
c keep "$p" --at 2026-04-22
c order "$v" 9800 --ref FT-2026-080 --at 2026-04-20
c log "$v" "Riunione di progetto: prototipi e prove in campo" --channel meeting --at 2026-06-15
p=$(c promise "$v" "Prototipi del collettore (5 pezzi) per le prove in campo" --at 2026-06-15 --due 2026-09-15)
p2=$(c promise "$v" "Specifiche della seconda linea (termostatica)" --by them --at 2026-06-15 --due 2026-09-30)
c order "$v" 15400 --ref FT-2026-137 --at 2026-07-13
c cancel "$p2" --at 2026-09-21 --note "linea termostatica rimandata al 2027, d'accordo con Giorgio"
c log "$v" "Collaudo dei prototipi a Lumezzane con Giorgio" --channel visit --in --at 2026-10-14T10:00+02:00
c keep "$p" --at 2026-10-14 --note "consegnati al collaudo, con un mese di ritardo"
c order "$v" 11200 --ref FT-2026-251 --at 2026-10-19
p=$(c promise "$v" "Pagare l'acconto del 30% sull'ordine dei collettori" --by them --payment --at 2026-10-19 --due 2026-11-18)
c promise "$v" "Feedback sull'impianto pilota" --by them --at 2026-10-19 --due 2026-11-20 >/dev/null
c log "$v" "Inviata la bozza di offerta quadro 2027" --channel email --at 2026-11-05
c promise "$v" "Offerta quadro 2027 per i collettori" --at 2026-11-05 --due 2026-11-26 >/dev/null
c keep "$p" --at 2026-11-16

# 3. Ferramenta Bortolotti: a hardware shop that placed its first order in October (new).
b=$(c add "Ferramenta Bortolotti" --since 2026-09-01 --tag lombardia \
      --set territory=Bergamo --set "referente=Sergio Bortolotti")
c log "$b" "Visita al negozio di Seriate con il campionario" --channel visit --at 2026-09-01
c log "$b" "Sergio chiede un campionario di raccorderia" --channel email --in --at 2026-09-22
p=$(c promise "$b" "Spedire il campionario di raccorderia" --at 2026-09-22 --due 2026-09-29)
c keep "$p" --at 2026-09-25
c log "$b" "Primo ordine per telefono" --in --at 2026-10-06
c order "$b" 890 --ref FT-2026-229 --at 2026-10-06
p=$(c promise "$b" "Pagare fattura FT-2026-229 (bonifico 30 gg)" --by them --payment --at 2026-10-06 --due 2026-11-05)
c keep "$p" --at 2026-11-04
c log "$b" "Secondo ordine; vorrebbe un espositore da banco" --at 2026-11-11
c order "$b" 1340.50 --ref FT-2026-268 --at 2026-11-11
c promise "$b" "Pagare fattura FT-2026-268" --by them --payment --at 2026-11-11 --due 2026-12-11 >/dev/null
c promise "$b" "Proposta per un espositore da banco" --at 2026-11-11 --due 2026-11-25 >/dev/null

# 4. Edilclima Gardesana: bought three times, paid late, then went silent (lost).
g=$(c add "Edilclima Gardesana S.r.l." --id edilclima-gardesana --since 2024-10-14 --tag idraulica --tag lombardia \
      --set "territory=Desenzano del Garda")
c log "$g" "Primo contatto alla fiera di Montichiari" --channel meeting --at 2024-10-14
c order "$g" 2100 --ref FT-2024-298 --at 2024-11-18
c order "$g" 1750 --ref FT-2025-061 --at 2025-02-24
c order "$g" 2980.60 --ref FT-2025-129 --at 2025-06-09
p=$(c promise "$g" "Consegna entro il 20 giugno" --at 2025-06-09 --due 2025-06-20)
p2=$(c promise "$g" "Pagare fattura FT-2025-129" --by them --payment --at 2025-06-09 --due 2025-08-08)
c keep "$p" --at 2025-06-19
c log "$g" "Sollecito di pagamento della FT-2025-129" --at 2025-10-06
c break "$p2" --at 2025-10-31 --note "pagata solo dopo la lettera dell'avvocato"
c log "$g" "Mandato il listino 2026, nessuna risposta" --channel email --at 2026-02-16
c log "$g" "Saputo in fiera che ora comprano da un concorrente di Verona" --channel note --at 2026-09-14
c promise "$g" "Richiamare il titolare dopo la fiera" --at 2026-09-14 --due 2026-10-15 >/dev/null

# 5. Caldaie Pedretti: lost for a year and a half, won back in September.
d=$(c add "Caldaie Pedretti S.a.s." --id caldaie-pedretti --since 2024-09-16 --tag idraulica --tag lombardia \
      --set "territory=Val Trompia" --set "referente=Anna Pedretti")
c log "$d" "Visita ad Anna Pedretti a Gardone" --channel visit --at 2024-09-16
c order "$d" 1500 --ref FT-2024-276 --at 2024-10-07
c order "$d" 2200 --ref FT-2024-330 --at 2024-12-16
c order "$d" 1850 --ref FT-2025-068 --at 2025-03-10
p=$(c promise "$d" "Pagare fattura FT-2025-068" --by them --payment --at 2025-03-10 --due 2025-05-09)
c keep "$p" --at 2025-05-20
c log "$d" "Passato a Gardone: il nuovo responsabile acquisti è Davide" --channel visit --at 2026-06-08
c log "$d" "Davide chiede di nuovo il listino" --in --at 2026-09-07
p=$(c promise "$d" "Listino aggiornato con lo sconto di rientro" --at 2026-09-07 --due 2026-09-11)
c keep "$p" --at 2026-09-10
c order "$d" 2650 --ref FT-2026-207 --at 2026-09-21 --note "primo ordine dopo 18 mesi"
c order "$d" 2400 --ref FT-2026-279 --at 2026-11-09
p=$(c promise "$d" "Pagare fattura FT-2026-279" --by them --payment --at 2026-11-09 --due 2026-11-15)
c renegotiate "$p" --due 2026-11-30 --at 2026-11-18 --note "Davide chiede due settimane, ma dopo la scadenza"
c log "$d" "Davide chiama per la dilazione della FT-2026-279" --in --at 2026-11-18

# 6. Keller Armaturen: a Swiss distributor; its last order was a year ago today (lost today).
k=$(c add "Keller Armaturen AG" --id keller-armaturen --since 2024-11-25 --tag export \
      --set "territory=Svizzera (San Gallo)" --set "referente=Urs Keller")
c log "$k" "Videochiamata con Urs Keller: interessati alle valvole DN32" --channel meeting --at 2024-11-25T16:00+01:00
c order "$k" 8400 --ref FT-2025-011 --at 2025-01-13
c order "$k" 6200 --ref FT-2025-102 --at 2025-05-19
c order "$k" 9150 --ref FT-2025-262 --at 2025-11-22
p=$(c promise "$k" "Pagamento anticipato dell'ordine di novembre" --by them --payment --at 2025-11-22 --due 2025-12-05)
p2=$(c promise "$k" "Certificazione SVGW delle valvole DN32" --at 2025-11-22 --due 2026-02-27)
c keep "$p" --at 2025-12-03
c break "$p2" --at 2026-03-20 --note "l'ente non ha rilasciato il certificato in tempo"
c log "$k" "Scuse a Urs per la certificazione mancata" --channel email --at 2026-03-20
c log "$k" "Urs chiede a che punto è la certificazione; ora comprano da un fornitore tedesco" --in --at 2026-09-28
c promise "$k" "Richiamare Urs con la nuova offerta e la data del certificato" --at 2026-09-28 --due 2026-10-09 >/dev/null

# 7. Impianti Zanardelli: an installer; first order on 24 August, acquired from today.
z=$(c add "Impianti Zanardelli" --since 2026-07-20 --tag idraulica --tag lombardia --set territory=Brescia)
c log "$z" "Incontro in cantiere a Brescia" --channel meeting --at 2026-07-20
c log "$z" "Ordine per il cantiere di Concesio" --in --at 2026-08-24
c order "$z" 3150 --ref FT-2026-188 --at 2026-08-24
p=$(c promise "$z" "Pagare fattura FT-2026-188" --by them --payment --at 2026-08-24 --due 2026-10-23)
c keep "$p" --at 2026-10-23
c log "$z" "Visita in ufficio: ordine delle valvole a sfera DN20" --channel visit --at 2026-10-26
c order "$z" 4280.75 --ref FT-2026-257 --at 2026-10-26
p=$(c promise "$z" "Consegnare 200 valvole a sfera DN20" --at 2026-10-26 --due 2026-10-30)
c log "$z" "Avvisato del ritardo sulle DN20 (a scadenza già passata)" --at 2026-11-03
c renegotiate "$p" --due 2026-11-13 --at 2026-11-03 --note "fusione in ritardo, avvisati dopo la scadenza"
c keep "$p" --at 2026-11-12
c log "$z" "Chiedono un preventivo per il cantiere di via Triumplina" --channel email --in --at 2026-11-17
p=$(c promise "$z" "Preventivo per il cantiere di via Triumplina" --at 2026-11-17 --due 2026-11-24)
c log "$z" "Inviato il preventivo per via Triumplina" --channel email --at 2026-11-23T11:40+01:00
c keep "$p" --at 2026-11-23T11:40+01:00

# 8. Studio Tecnico Ferrari: engineers who write our valves into tenders; never bought (potential).
f=$(c add "Studio Tecnico Ferrari" --since 2026-08-31 --tag lombardia \
      --set territory=Cremona --set "referente=Ing. Chiara Ferrari")
c log "$f" "Conosciuta l'ing. Ferrari a un convegno sul risparmio idrico" --channel meeting --at 2026-08-31
c log "$f" "Mandate le schede tecniche" --channel email --at 2026-09-16
p=$(c promise "$f" "Schede tecniche e certificati delle valvole" --at 2026-09-16 --due 2026-09-23)
c keep "$p" --at 2026-09-22
c log "$f" "Capitolato per l'ospedale di Cremona: vogliono campioni" --in --at 2026-10-28
c promise "$f" "Campioni per il capitolato dell'ospedale di Cremona" --at 2026-10-28 --due 2026-11-27 >/dev/null
c promise "$f" "Far sapere se il capitolato passa in gara" --by them --at 2026-10-28 --due 2026-12-15 >/dev/null

# 9. Marco Bellini: our sales agent for the Veneto, an internal customer; promises both ways.
m=$(c add "Marco Bellini" --kind internal --since 2024-09-02 --tag agenti --tag veneto \
      --set territory=Veneto --set "ruolo=agente plurimandatario")
c log "$m" "Riunione di mandato: zona Veneto" --channel meeting --at 2024-09-02
c log "$m" "Riunione di metà anno: Marco porta Termoidraulica Veneta tra i clienti migliori" --channel meeting --at 2025-06-23
p=$(c promise "$m" "Campionario nuovo per la fiera MCE" --at 2026-01-15 --due 2026-02-15)
c log "$m" "Riunione vendite di inizio anno" --channel meeting --at 2026-02-02
p2=$(c promise "$m" "Presentarci tre installatori nuovi in provincia di Padova" --by them --at 2026-02-02 --due 2026-05-31)
c keep "$p" --at 2026-02-20 --note "arrivato dopo la scadenza, Marco ha dovuto rimandare due visite"
c keep "$p2" --at 2026-05-12
c log "$m" "Riunione trimestrale a Lumezzane" --channel meeting --at 2026-10-05
p=$(c promise "$m" "Pagare le provvigioni del terzo trimestre" --at 2026-10-05 --due 2026-10-31)
p2=$(c promise "$m" "Spedire 50 cataloghi 2027" --at 2026-10-05 --due 2026-11-20)
c promise "$m" "Report delle visite di ottobre" --by them --at 2026-10-05 --due 2026-11-10 >/dev/null
c keep "$p" --at 2026-10-30
c log "$m" "Marco chiede la lista dei clienti da visitare a dicembre" --in --at 2026-11-16
p=$(c promise "$m" "Mandare la lista dei clienti da visitare a dicembre" --by them --at 2026-11-16 --due 2026-11-23)
c renegotiate "$p2" --due 2026-11-27 --at 2026-11-19 --note "la tipografia consegna il 25"
c log "$m" "Marco: i cataloghi gli servono entro venerdì" --channel message --in --at 2026-11-20T18:05+01:00
c log "$m" "Ricevuta la lista dei clienti di dicembre" --channel message --in --at 2026-11-23T08:30+01:00
c keep "$p" --at 2026-11-23T08:30+01:00

# Hand edits: three comments, as a user would add them in an editor. coltiva keeps them (it only
# ever appends after the last byte of a file).
python3 - "$J/customers" <<'EOF'
import sys
folder = sys.argv[1]
def comment_before(name, anchor, comment):
    path = f"{folder}/{name}.toml"
    text = open(path, encoding="utf-8").read()
    assert anchor in text, anchor
    open(path, "w", encoding="utf-8").write(text.replace(anchor, comment + "\n" + anchor, 1))
comment_before("idrotermica-rossi", "pagamento = ",
    "# pagamento, referente and territory are free attributes (coltiva add --set KEY=VALUE).")
comment_before("termoidraulica-veneta", "[[interaction]]",
    "# Partner dal marzo 2026: le decisioni passano da Giorgio Dal Bello e dal loro titolare.")
comment_before("keller-armaturen", "[[interaction]]\nat = 2026-03-20",
    "# Il certificato SVGW è poi arrivato a giugno: troppo tardi per l'ordine di primavera.")
EOF

echo "made $J" >&2
