Attribute VB_Name = "buurtxl_beschrijvingen"
' Gemaakt door xl/maak_werkmap.py uit de aanroepen die xlwings' Import Functions doet.
' Eenmaal uitvoeren (Alt+F8) na het importeren van buurtxl_udfs.bas: de functiewizard (fx)
' toont dan de Nederlandse uitleg bij elke functie en elk argument.
Public Sub BuurtxlBeschrijvingen()
    Application.MacroOptions Macro:="'" & ThisWorkbook.Name & "'!BASISSUBSIDIE", _
        Description:="Basissubsidie in euro: de vier onderdelen samen; een leeg onderdeel telt met het standaardbedrag. Een fout als het totaal buiten het minimum en maximum van de regeling valt (§3.4 punt 1).", _
        Category:="Buurtnetwerken", _
        ArgumentDescriptions:=Array( _
        "Organisatiekosten in euro, een cel of een bereik; leeg = het standaardbedrag van de regeling", _
        "Communicatiekosten in euro, een cel of een bereik; leeg = het standaardbedrag van de regeling", _
        "Activiteiten (handgeld) in euro, een cel of een bereik; leeg = het standaardbedrag van de regeling", _
        "Uitvoering plan van aanpak in euro, een cel of een bereik; leeg = het standaardbedrag van de regeling", _
        "Versie van de regeling: ""2018"" of ""2017-2018""; leeg = standaard")
    Application.MacroOptions Macro:="'" & ThisWorkbook.Name & "'!REGELING", _
        Description:="De waarde van een parameter van de regeling (bedrag, aantal, fractie, datum of WAAR/ONWAAR), zodat een blad de getallen van de regeling kan tonen.", _
        Category:="Buurtnetwerken", _
        ArgumentDescriptions:=Array( _
        "Naam van een parameter, bijvoorbeeld ""toeslag.drempel_huishoudens""", _
        "Versie van de regeling: ""2018"" of ""2017-2018""; leeg = standaard")
    Application.MacroOptions Macro:="'" & ThisWorkbook.Name & "'!SUBSIDIE_TOTAAL", _
        Description:="Totale subsidie in euro voor één buurtnetwerk i.o.: basissubsidie + toeslag communicatiekosten + supplement kwetsbare buurten (§3.4); toeslag en supplement hoogstens het aangevraagde bedrag als dat is ingevuld.", _
        Category:="Buurtnetwerken", _
        ArgumentDescriptions:=Array( _
        "Basissubsidie (totaal) in euro, een cel of een bereik; verplicht", _
        "Aantal huishoudens: een geheel getal van 0 of meer, een cel of een bereik; verplicht", _
        "Buurtscore (buurtmonitor): 0 tot 100 (aanname: schaal van de buurtmonitor), een cel of een bereik; leeg = onbekend (geen supplement)", _
        "Besteed in euro, een cel of een bereik; leeg = nog onbekend (potentiële toeslag)", _
        "Supplement aangevraagd in euro, een cel of een bereik; leeg = het maximum wordt gereserveerd", _
        "Toeslag aangevraagd in euro, een cel of een bereik; leeg = het maximum wordt gereserveerd", _
        "Versie van de regeling: ""2018"" of ""2017-2018""; leeg = standaard")
    Application.MacroOptions Macro:="'" & ThisWorkbook.Name & "'!SUPPLEMENT_KWETSBAAR", _
        Description:="Supplement kwetsbare buurten in euro: bij een buurtscore onder de grens van de regeling het aangevraagde bedrag, hoogstens het maximum; zonder aanvraag wordt het maximum gereserveerd (§3.4 punt 3).", _
        Category:="Buurtnetwerken", _
        ArgumentDescriptions:=Array( _
        "Buurtscore (buurtmonitor): 0 tot 100 (aanname: schaal van de buurtmonitor), een cel of een bereik; leeg = onbekend (geen supplement)", _
        "Supplement aangevraagd in euro, een cel of een bereik; leeg = het maximum wordt gereserveerd", _
        "Versie van de regeling: ""2018"" of ""2017-2018""; leeg = standaard")
    Application.MacroOptions Macro:="'" & ThisWorkbook.Name & "'!TOESLAG_COMMUNICATIE", _
        Description:="Toeslag communicatiekosten in euro, alleen als de basissubsidie volledig is besteed; met een aanvraag hoogstens het aangevraagde bedrag. Zonder 'besteed' de potentiële toeslag: het bedrag dat de begroting moet reserveren (§3.4 punt 2).", _
        Category:="Buurtnetwerken", _
        ArgumentDescriptions:=Array( _
        "Aantal huishoudens: een geheel getal van 0 of meer, een cel of een bereik; verplicht", _
        "Basissubsidie (totaal) in euro, een cel of een bereik; verplicht", _
        "Besteed in euro, een cel of een bereik; leeg = nog onbekend (potentiële toeslag)", _
        "Toeslag aangevraagd in euro, een cel of een bereik; leeg = het maximum wordt gereserveerd", _
        "Versie van de regeling: ""2018"" of ""2017-2018""; leeg = standaard")
    Application.MacroOptions Macro:="'" & ThisWorkbook.Name & "'!TOESLAG_PERCENTAGE", _
        Description:="Toeslag communicatiekosten als fractie: geen tot en met de drempel voor het aantal huishoudens, daarboven oplopend tot het maximum (§3.4 punt 2). Basis (de basissubsidie) en schaal zijn een keuze van de gemeente: het besluit noemt ze niet.", _
        Category:="Buurtnetwerken", _
        ArgumentDescriptions:=Array( _
        "Aantal huishoudens: een geheel getal van 0 of meer, een cel of een bereik; verplicht", _
        "Versie van de regeling: ""2018"" of ""2017-2018""; leeg = standaard")
    Application.MacroOptions Macro:="'" & ThisWorkbook.Name & "'!UITLEG", _
        Description:="De redenen achter SUBSIDIE_TOTAAL als tekst, met de paragraaf van het besluit. Bij foute invoer de reden van de fout (""Fout: …"").", _
        Category:="Buurtnetwerken", _
        ArgumentDescriptions:=Array( _
        "Basissubsidie (totaal) in euro, een cel of een bereik; verplicht", _
        "Aantal huishoudens: een geheel getal van 0 of meer, een cel of een bereik; verplicht", _
        "Buurtscore (buurtmonitor): 0 tot 100 (aanname: schaal van de buurtmonitor), een cel of een bereik; leeg = onbekend (geen supplement)", _
        "Besteed in euro, een cel of een bereik; leeg = nog onbekend (potentiële toeslag)", _
        "Supplement aangevraagd in euro, een cel of een bereik; leeg = het maximum wordt gereserveerd", _
        "Toeslag aangevraagd in euro, een cel of een bereik; leeg = het maximum wordt gereserveerd", _
        "Versie van de regeling: ""2018"" of ""2017-2018""; leeg = standaard")
End Sub
