"""Initial text of the legal and help pages; staff edit them in the CMS afterwards."""

STANDARD_PAGES = [
    (
        "privacy",
        "Informativa sul trattamento dei dati personali",
        "Come trattiamo i dati di chi partecipa alla consultazione (artt. 13-14 GDPR).",
        [
            "<b>Titolare del trattamento</b>: Città metropolitana di Torino. Il Responsabile della protezione dei dati "
            "è raggiungibile all'indirizzo indicato sul sito istituzionale dell'ente.",
            "<b>Finalità e base giuridica</b>: gestire la partecipazione al processo di revisione del Piano Strategico "
            "Metropolitano (art. 6.1.e GDPR, esecuzione di un compito di interesse pubblico).",
            "<b>Dati trattati</b>: indirizzo email (per l'accesso), pseudonimo pubblico, contenuti inviati; per gli "
            "incontri, nome, cognome e organizzazione dei partecipanti. I dati anagrafici non sono mai pubblicati: "
            "nelle pagine pubbliche e nei dati aperti compaiono solo pseudonimi, categorie e conteggi.",
            "<b>Conservazione</b>: per la durata del processo e del monitoraggio del Piano. Puoi scaricare i tuoi dati "
            "ed eliminare il tuo account dalla pagina del profilo: i contributi restano in forma anonima.",
            "<b>Diritti</b>: accesso, rettifica, cancellazione, limitazione, opposizione e reclamo al Garante per la "
            "protezione dei dati personali.",
        ],
    ),
    (
        "dichiarazione-accessibilita",
        "Dichiarazione di accessibilità",
        "Dichiarazione redatta secondo il modello AgID (Linee guida sull'accessibilità degli strumenti informatici).",
        [
            "La Città metropolitana di Torino si impegna a rendere accessibile questa piattaforma in conformità alla "
            "legge 9 gennaio 2004, n. 4, e alla norma UNI EN 301549 (WCAG 2.1 livello AA).",
            "<b>Stato di conformità</b>: parzialmente conforme. Le pagine pubbliche e gli schermi dei sondaggi live "
            "sono verificati automaticamente con axe-core a ogni modifica del software; ogni grafico ha accanto una "
            "tabella con gli stessi dati.",
            "<b>Contenuti non accessibili</b>: alcuni documenti PDF caricati dai partecipanti potrebbero non essere "
            "accessibili; su richiesta forniamo una versione alternativa.",
            "<b>Meccanismo di feedback</b>: per segnalare un problema di accessibilità scrivi all'ufficio responsabile "
            "del processo. In caso di risposta insoddisfacente puoi ricorrere al Difensore civico per il digitale "
            "presso AgID.",
            "<b>Redazione della dichiarazione</b>: dichiarazione redatta tramite autovalutazione.",
        ],
    ),
    (
        "note-legali",
        "Note legali",
        "Condizioni d'uso della piattaforma e licenza dei contenuti.",
        [
            "I contenuti pubblicati dall'ente sono rilasciati con licenza Creative Commons Attribuzione 4.0 "
            "(CC BY 4.0). I dati aperti sono anonimi e riportano la stessa licenza.",
            "Chi invia un contributo ne concede l'uso per il processo di pianificazione, nel rispetto della netiquette.",
        ],
    ),
    (
        "netiquette",
        "Netiquette",
        "Le regole per partecipare e i motivi per cui un contenuto può essere moderato.",
        [
            "<b>Pertinenza</b> (fuori tema): i contributi devono riguardare il Piano Strategico Metropolitano.",
            "<b>Rispetto</b> (offensivo): niente insulti, discriminazioni, minacce o linguaggio volgare.",
            "<b>Dati personali</b>: non pubblicare dati personali tuoi o di altre persone.",
            "<b>Spam</b>: niente pubblicità, messaggi ripetuti o automatici.",
            "<b>Duplicati</b>: se esiste già un contributo simile, sostienilo o commentalo invece di ripeterlo.",
            "Ogni decisione di moderazione indica il motivo e rimanda a questa pagina.",
        ],
    ),
]
