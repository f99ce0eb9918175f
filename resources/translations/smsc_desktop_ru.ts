<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>AccountBadge</name>
    <message>
        <source>No account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LIVE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A production SMSC server: actions spend real money.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SANDBOX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TEST SERVER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a production SMSC server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BalanceLabel</name>
    <message>
        <source>Refresh the balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance: —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(low)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMSC Desktop ran into an unexpected problem. Your data is safe and the app keeps running, but the last action may not have finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A report was saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportsTab</name>
    <message>
        <source>Deferred export jobs of sent messages and their downloads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About SMSC Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>SMSC allows 10 balance requests a minute: try again in %n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>About SMSC Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administration console for SMSC account managers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NumbersTab</name>
    <message>
        <source>Free dedicated numbers for receiving SMS, renting and auto-renewal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerificationTab</name>
    <message>
        <source>Phone verification by a call from the subscriber, and the callback workbench.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Sandbox demo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Wrong login or password, or this computer&apos;s IP address is not allowed for the account. Check the account settings, or the allowed IP list in the SMSC cabinet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMSC has temporarily blocked this computer&apos;s IP address after too many erroneous requests. Wait a while before trying again, or contact SMSC support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMSC refused the request: too many identical or simultaneous requests. Wait a minute before trying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough money on the account. Top up the balance and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMSC did not find what was asked for. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMSC rejected the request as invalid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was sent but no answer came back, so its result is unknown. The app will check with SMSC instead of repeating it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMSC answered with something unexpected (for example an error page). The server may be having problems; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMSC reported error %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A secure connection to the server could not be established (TLS problem). Check the computer&apos;s date and time, and whether a proxy intercepts HTTPS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server name cannot be resolved. Check the server address and the internet connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer in time. Check the connection and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection dropped during the download. It can be resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the internet connection and the server address.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
