<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>AccountBadge</name>
    <message>
        <source>No account</source>
        <translation>Нет аккаунта</translation>
    </message>
    <message>
        <source>LIVE</source>
        <translation>РАБОЧИЙ</translation>
    </message>
    <message>
        <source>A production SMSC server: actions spend real money.</source>
        <translation>Рабочий сервер SMSC: действия тратят реальные деньги.</translation>
    </message>
    <message>
        <source>The built-in SMSC sandbox: nothing is real and nothing is charged.</source>
        <translation>Встроенная песочница SMSC: всё происходит не по-настоящему, и деньги не списываются.</translation>
    </message>
    <message>
        <source>Not a production SMSC server: a test or custom address.</source>
        <translation>Не рабочий сервер SMSC: тестовый или нестандартный адрес.</translation>
    </message>
    <message>
        <source>built-in sandbox</source>
        <translation>встроенная песочница</translation>
    </message>
    <message>
        <source>SANDBOX</source>
        <translation>ПЕСОЧНИЦА</translation>
    </message>
    <message>
        <source>TEST SERVER</source>
        <translation>ТЕСТОВЫЙ СЕРВЕР</translation>
    </message>
</context>
<context>
    <name>AccountList</name>
    <message>
        <source>In my order</source>
        <translation>В моём порядке</translation>
    </message>
    <message>
        <source>By server</source>
        <translation>По серверам</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Аккаунты</translation>
    </message>
    <message>
        <source>Search name, client, server, login</source>
        <translation>Поиск: имя, клиент, сервер, логин</translation>
    </message>
    <message>
        <source>Search accounts</source>
        <translation>Поиск аккаунтов</translation>
    </message>
    <message>
        <source>By client</source>
        <translation>По клиентам</translation>
    </message>
    <message>
        <source>Group the accounts by their client or SMSC server</source>
        <translation>Сгруппировать аккаунты по клиентам или по серверам SMSC</translation>
    </message>
    <message>
        <source>Order of the accounts</source>
        <translation>Порядок аккаунтов</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>Add an account</source>
        <translation>Добавить аккаунт</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Дублировать</translation>
    </message>
    <message>
        <source>A copy of this account with its password, e.g. for another server</source>
        <translation>Копия этого аккаунта с паролем, например для другого сервера</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Delete this account and remove its password from the keyring</source>
        <translation>Удалить аккаунт и его пароль из системного хранилища паролей</translation>
    </message>
    <message>
        <source>No client</source>
        <translation>Без клиента</translation>
    </message>
    <message>
        <source>Client: %1</source>
        <translation>Клиент: %1</translation>
    </message>
</context>
<context>
    <name>AccountSwitcher</name>
    <message>
        <source>Switch account (Ctrl+Shift+P; Ctrl+1…9 for the first nine)</source>
        <translation>Сменить аккаунт (Ctrl+Shift+P; Ctrl+1…9 — первые девять)</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>&amp;Добавить аккаунт…</translation>
    </message>
    <message>
        <source>&amp;Manage accounts…</source>
        <translation>&amp;Управление аккаунтами…</translation>
    </message>
    <message>
        <source>Switch account…</source>
        <translation>Сменить аккаунт…</translation>
    </message>
    <message>
        <source>Choose an account</source>
        <translation>Выберите аккаунт</translation>
    </message>
    <message>
        <source>Add an account</source>
        <translation>Добавить аккаунт</translation>
    </message>
</context>
<context>
    <name>AccountsController</name>
    <message>
        <source>Account</source>
        <translation>Аккаунт</translation>
    </message>
    <message>
        <source>Request log</source>
        <translation>Журнал запросов</translation>
    </message>
    <message>
        <source>Copy &amp;debug info</source>
        <translation>Копировать &amp;отладочную информацию</translation>
    </message>
    <message>
        <source>Versions, keyring, recent requests and log lines, without secrets</source>
        <translation>Версии, хранилище паролей, последние запросы и строки лога, без паролей и ключей</translation>
    </message>
    <message>
        <source>Opening %1 (the system keyring may ask for its password)…</source>
        <translation>Открываем %1 (системное хранилище паролей может запросить свой пароль)…</translation>
    </message>
    <message numerus="yes">
        <source>SMSC allows 10 balance requests a minute: the balance refreshes in %n s</source>
        <translation>
            <numerusform>SMSC разрешает 10 запросов баланса в минуту: баланс обновится через %n с</numerusform>
            <numerusform>SMSC разрешает 10 запросов баланса в минуту: баланс обновится через %n с</numerusform>
            <numerusform>SMSC разрешает 10 запросов баланса в минуту: баланс обновится через %n с</numerusform>
        </translation>
    </message>
    <message>
        <source>The balance of “%1” is %2, below the warning level of %3.</source>
        <translation>Баланс аккаунта «%1» — %2, это ниже порога предупреждения %3.</translation>
    </message>
    <message>
        <source>Passwords: this session only</source>
        <translation>Пароли: только на этот сеанс</translation>
    </message>
    <message>
        <source>Debug info copied: versions, keyring, recent requests and log lines, without passwords or keys.</source>
        <translation>Отладочная информация скопирована: версии, хранилище паролей, последние запросы и строки лога, без паролей и ключей.</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>Аккаунты</translation>
    </message>
    <message>
        <source>Try the keyring again</source>
        <translation>Повторить доступ к хранилищу паролей</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Save and connect</source>
        <translation>Сохранить и подключить</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Подключить</translation>
    </message>
</context>
<context>
    <name>AddNumberDialog</name>
    <message>
        <source>Add a number rented elsewhere</source>
        <translation>Добавить номер, арендованный вне программы</translation>
    </message>
    <message>
        <source>SMSC&apos;s API cannot list the numbers an account rents. Add the ones rented in the SMSC cabinet or elsewhere, so that their renewal can be switched here and their price counted in the monthly total. Nothing is sent to SMSC.</source>
        <translation>API SMSC не выдаёт список номеров, арендованных аккаунтом. Добавьте номера, арендованные в личном кабинете SMSC или в другом месте, чтобы переключать здесь их продление и учитывать их цену в сумме за месяц. В SMSC ничего не отправляется.</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>Номер:</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <source>Price per month:</source>
        <translation>Цена в месяц:</translation>
    </message>
    <message>
        <source>On: renewed every month</source>
        <translation>Вкл.: продление каждый месяц</translation>
    </message>
    <message>
        <source>Off: released at the end of the month</source>
        <translation>Выкл.: номер освобождается в конце месяца</translation>
    </message>
    <message>
        <source>Auto-renewal:</source>
        <translation>Автопродление:</translation>
    </message>
    <message>
        <source>optional, e.g. which client uses it</source>
        <translation>необязательно, например какой клиент его использует</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Примечание:</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>(8 at the start read as the country code 7)</source>
        <translation>(начальная 8 распознана как код страны 7)</translation>
    </message>
    <message>
        <source>International format, e.g. +7 916 123-45-67.</source>
        <translation>Международный формат, например +7 916 123-45-67.</translation>
    </message>
</context>
<context>
    <name>AppearanceSection</name>
    <message>
        <source>Appearance</source>
        <translation>Оформление</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Язык:</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>A new language is used from the next start.</source>
        <translation>Новый язык будет применён при следующем запуске.</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>Цвета:</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Светлые</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмные</translation>
    </message>
</context>
<context>
    <name>BalanceLabel</name>
    <message>
        <source>Refresh the balance</source>
        <translation>Обновить баланс</translation>
    </message>
    <message>
        <source>Balance: —</source>
        <translation>Баланс: —</translation>
    </message>
    <message>
        <source>Balance: %1</source>
        <translation>Баланс: %1</translation>
    </message>
    <message>
        <source>(low)</source>
        <translation>(низкий)</translation>
    </message>
    <message>
        <source>Warning below %1 (set in the account settings)</source>
        <translation>Предупреждение, если меньше %1 (задается в настройках аккаунта)</translation>
    </message>
    <message>
        <source>No low-balance warning is set for this account.</source>
        <translation>Для этого аккаунта не задано предупреждение о низком балансе.</translation>
    </message>
</context>
<context>
    <name>CallVerificationPanel</name>
    <message>
        <source>Verify a phone number by a call</source>
        <translation>Подтверждение номера телефона звонком</translation>
    </message>
    <message>
        <source>SMSC gives out a number that the subscriber must call from the phone being verified, within 15 minutes. The call shows up among the account&apos;s incoming messages as [waitcall]; the app watches for it and marks the number confirmed.</source>
        <translation>SMSC выдаёт номер, на который абонент должен позвонить с проверяемого телефона в течение 15 минут. Звонок появляется во входящих сообщениях аккаунта как [waitcall]; приложение отслеживает его и отмечает номер как подтверждённый.</translation>
    </message>
    <message>
        <source>The history could not be saved (%1); it is kept while the app runs.</source>
        <translation>Не удалось сохранить историю (%1); она хранится, пока работает приложение.</translation>
    </message>
    <message>
        <source>Open an account to verify numbers.</source>
        <translation>Откройте аккаунт, чтобы подтверждать номера.</translation>
    </message>
    <message>
        <source>Incoming messages could not be read: %1</source>
        <translation>Не удалось прочитать входящие сообщения: %1</translation>
    </message>
    <message numerus="yes">
        <source>Trying again in %n s.</source>
        <translation>
            <numerusform>Повторная попытка через %n с.</numerusform>
            <numerusform>Повторная попытка через %n с.</numerusform>
            <numerusform>Повторная попытка через %n с.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>● Watching incoming messages for [waitcall] every %n s while a verification is waiting.</source>
        <translation>
            <numerusform>● Пока есть ожидающие проверки, входящие сообщения просматриваются на [waitcall] каждую %n секунду.</numerusform>
            <numerusform>● Пока есть ожидающие проверки, входящие сообщения просматриваются на [waitcall] каждые %n секунды.</numerusform>
            <numerusform>● Пока есть ожидающие проверки, входящие сообщения просматриваются на [waitcall] каждые %n секунд.</numerusform>
        </translation>
    </message>
    <message>
        <source>Last check: %1.</source>
        <translation>Последний опрос: %1.</translation>
    </message>
    <message>
        <source>○ Not checking incoming messages: no verification is waiting.</source>
        <translation>○ Входящие сообщения не просматриваются: нет ожидающих проверок.</translation>
    </message>
</context>
<context>
    <name>CaptchaPicture</name>
    <message>
        <source>Captcha picture</source>
        <translation>Картинка капчи</translation>
    </message>
    <message>
        <source>Click for a new picture, as on the client&apos;s site</source>
        <translation>Щелчок — новая картинка, как на сайте клиента</translation>
    </message>
    <message>
        <source>New picture</source>
        <translation>Новая картинка</translation>
    </message>
    <message>
        <source>Type it in</source>
        <translation>Вписать код</translation>
    </message>
    <message>
        <source>Loading a picture from %1…</source>
        <translation>Загружается картинка с %1…</translation>
    </message>
    <message>
        <source>The picture could not be loaded: %1</source>
        <translation>Не удалось загрузить картинку: %1</translation>
    </message>
    <message>
        <source>The server sent a picture this app cannot show.</source>
        <translation>Сервер прислал картинку, которую приложение не может показать.</translation>
    </message>
    <message>
        <source>A new code was made for the address this computer has on %1.</source>
        <translation>Для адреса, с которым этот компьютер виден на %1, создан новый код.</translation>
    </message>
    <message>
        <source>Sandbox: this picture&apos;s code is %1 (shown to %2). The sandbox tells it at POST %3/sandbox/captcha, so a demo works without reading the picture; a real SMSC server has no such door.</source>
        <translation>Песочница: код на этой картинке — %1 (показана адресу %2). Песочница сообщает его по запросу POST %3/sandbox/captcha, чтобы демонстрация работала и без чтения картинки; у настоящего сервера SMSC такой лазейки нет.</translation>
    </message>
</context>
<context>
    <name>CaptchaSetup</name>
    <message>
        <source>1. On the client&apos;s form</source>
        <translation>1. На форме сайта клиента</translation>
    </message>
    <message>
        <source>HTML for the client&apos;s form</source>
        <translation>HTML для формы клиента</translation>
    </message>
    <message>
        <source>Copy HTML</source>
        <translation>Копировать HTML</translation>
    </message>
    <message>
        <source>2. In the site&apos;s send script</source>
        <translation>2. В скрипте отправки на сайте</translation>
    </message>
    <message>
        <source>The script that sends the message passes two more parameters to send.php: imgcode, the code the visitor typed, and userip, the visitor&apos;s IP address, the one the picture was shown to (in PHP, $_SERVER[&apos;REMOTE_ADDR&apos;]). SMSC checks the pair and sends nothing when the code is wrong, too old or was shown to another address. The request goes from the site&apos;s server, never from the visitor&apos;s browser, so the password stays on the server. Like this:</source>
        <translation>Скрипт, который отправляет сообщение, передаёт в send.php ещё два параметра: imgcode — код, который ввёл посетитель, и userip — IP-адрес посетителя, которому была показана картинка (в PHP — $_SERVER[&apos;REMOTE_ADDR&apos;]). SMSC проверяет эту пару и ничего не отправляет, если код неверный, устарел или был показан другому адресу. Запрос уходит с сервера сайта, а не из браузера посетителя, поэтому пароль остаётся на сервере. Например, так:</translation>
    </message>
    <message>
        <source>Sample request of the send script</source>
        <translation>Пример запроса скрипта отправки</translation>
    </message>
    <message>
        <source>Copy command</source>
        <translation>Копировать команду</translation>
    </message>
    <message>
        <source>Open an account to see its snippet.</source>
        <translation>Откройте аккаунт, чтобы увидеть код для его сайта.</translation>
    </message>
    <message>
        <source>The picture comes from %1, the server of this account; a click on it loads a new one. Put this where the form asks for the phone number:</source>
        <translation>Картинка загружается с %1 — сервера этого аккаунта; щелчок по ней загружает новую. Вставьте этот код туда, где форма спрашивает номер телефона:</translation>
    </message>
    <message>
        <source>Code from the picture:</source>
        <translation>Код с картинки:</translation>
    </message>
    <message>
        <source>Show the API key</source>
        <translation>Показать API-ключ</translation>
    </message>
    <message>
        <source>Show the password</source>
        <translation>Показать пароль</translation>
    </message>
    <message>
        <source>HTML copied.</source>
        <translation>HTML скопирован.</translation>
    </message>
    <message>
        <source>Command copied.</source>
        <translation>Команда скопирована.</translation>
    </message>
</context>
<context>
    <name>CardsArea</name>
    <message>
        <source>Verifications in progress</source>
        <translation>Текущие проверки</translation>
    </message>
    <message>
        <source>The sandbox says this verification has already expired.</source>
        <translation>Песочница сообщает, что время этой проверки уже истекло.</translation>
    </message>
    <message>
        <source>The sandbox has no pending verification for this number.</source>
        <translation>В песочнице нет ожидающей проверки для этого номера.</translation>
    </message>
    <message>
        <source>The sandbox did not accept the call: %1</source>
        <translation>Песочница не приняла звонок: %1</translation>
    </message>
    <message>
        <source>The subscriber called. Waiting for the call to show up in the inbox…</source>
        <translation>Абонент позвонил. Ожидание звонка во входящих сообщениях…</translation>
    </message>
    <message>
        <source>Enter the subscriber&apos;s phone above and press &lt;b&gt;Request number&lt;/b&gt;.</source>
        <translation>Введите телефон абонента выше и нажмите &lt;b&gt;Запросить номер&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Give the subscriber the large number that appears here (Copy puts it on the clipboard). They call it from the phone being verified, within 15 minutes.</source>
        <translation>Сообщите абоненту крупный номер, который появится здесь (кнопка «Копировать» помещает его в буфер обмена). Абонент звонит на него с проверяемого телефона в течение 15 минут.</translation>
    </message>
    <message>
        <source>The app sees the call among incoming messages and shows how long it took. Several numbers can be verified at the same time.</source>
        <translation>Приложение увидит звонок во входящих сообщениях и покажет, через сколько он поступил. Можно подтверждать несколько номеров одновременно.</translation>
    </message>
    <message>
        <source>This is the sandbox, so nobody will really call: press &lt;b&gt;Simulate the subscriber&apos;s call&lt;/b&gt; on a card to make the call happen.</source>
        <translation>Это песочница, поэтому на самом деле никто не позвонит: чтобы звонок состоялся, нажмите &lt;b&gt;Имитировать звонок абонента&lt;/b&gt; на карточке.</translation>
    </message>
    <message>
        <source>No verification in progress. How it works:</source>
        <translation>Нет текущих проверок. Как это работает:</translation>
    </message>
</context>
<context>
    <name>Chart</name>
    <message>
        <source>Copy chart</source>
        <translation>Копировать диаграмму</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Сохранить как PNG…</translation>
    </message>
</context>
<context>
    <name>ConnectionTest</name>
    <message>
        <source>Test connection</source>
        <translation>Проверить подключение</translation>
    </message>
    <message numerus="yes">
        <source>SMSC allows 10 balance requests a minute: test again in %n s.</source>
        <translation>
            <numerusform>SMSC принимает не более 10 запросов баланса в минуту: повторите проверку через %n секунду.</numerusform>
            <numerusform>SMSC принимает не более 10 запросов баланса в минуту: повторите проверку через %n секунды.</numerusform>
            <numerusform>SMSC принимает не более 10 запросов баланса в минуту: повторите проверку через %n секунд.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CooldownButton</name>
    <message>
        <source>SMSC limits how often this may be repeated.</source>
        <translation>SMSC ограничивает частоту повторения этого действия.</translation>
    </message>
    <message numerus="yes">
        <source>Available again in %n s.</source>
        <translation>
            <numerusform>Снова доступно через %n секунду.</numerusform>
            <numerusform>Снова доступно через %n секунды.</numerusform>
            <numerusform>Снова доступно через %n секунд.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>Что-то пошло не так</translation>
    </message>
    <message>
        <source>SMSC Desktop ran into an unexpected problem. Your data is safe and the app keeps running, but the last action may not have finished.</source>
        <translation>В SMSC Desktop произошла непредвиденная ошибка. Ваши данные в безопасности, и приложение продолжает работать, но последнее действие могло не завершиться.</translation>
    </message>
    <message>
        <source>A report was saved to %1</source>
        <translation>Отчёт сохранён в %1</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Копировать подробности</translation>
    </message>
</context>
<context>
    <name>CsvPreviewDialog</name>
    <message>
        <source>Preview: %1</source>
        <translation>Предпросмотр: %1</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>Кодировка:</translation>
    </message>
    <message>
        <source>Separator:</source>
        <translation>Разделитель:</translation>
    </message>
    <message>
        <source>The first rows of the file</source>
        <translation>Первые строки файла</translation>
    </message>
    <message>
        <source>Reading the file</source>
        <translation>Читаем файл</translation>
    </message>
    <message>
        <source>Save for Excel…</source>
        <translation>Сохранить для Excel…</translation>
    </message>
    <message>
        <source>Save the whole file as UTF-8 CSV with a BOM and &apos;;&apos; separators, as Excel expects.</source>
        <translation>Сохранить весь файл в CSV (UTF-8 с BOM) с разделителем &apos;;&apos;, как ожидает Excel.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Чтение %1…</translation>
    </message>
    <message>
        <source>Nothing to show: the file cannot be read.</source>
        <translation>Показать нечего: файл не удаётся прочитать.</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Не удаётся прочитать файл: %1</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Файл пуст.</translation>
    </message>
    <message numerus="yes">
        <source>First %n rows of a %1 file.</source>
        <translation>
            <numerusform>Файл размером %1: показана первая %n строка.</numerusform>
            <numerusform>Файл размером %1: показаны первые %n строки.</numerusform>
            <numerusform>Файл размером %1: показаны первые %n строк.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n rows of a %1 file.</source>
        <translation>
            <numerusform>Файл размером %1: всего %n строка.</numerusform>
            <numerusform>Файл размером %1: всего %n строки.</numerusform>
            <numerusform>Файл размером %1: всего %n строк.</numerusform>
        </translation>
    </message>
    <message>
        <source>Encoding %1 and separator %2 were detected; change them above if the text looks wrong.</source>
        <translation>Определены кодировка %1 и разделитель %2; если текст выглядит неправильно, измените их выше.</translation>
    </message>
    <message>
        <source>Some characters could not be read in this encoding (shown as �).</source>
        <translation>Некоторые символы не удалось прочитать в этой кодировке (показаны как �).</translation>
    </message>
    <message>
        <source>; (semicolon)</source>
        <translation>; (точка с запятой)</translation>
    </message>
    <message>
        <source>, (comma)</source>
        <translation>, (запятая)</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Табуляция</translation>
    </message>
    <message>
        <source>| (vertical bar)</source>
        <translation>| (вертикальная черта)</translation>
    </message>
    <message>
        <source>Save for Excel</source>
        <translation>Сохранить для Excel</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>Saving… %1 %</source>
        <translation>Сохранение… %1 %</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>Не удалось сохранить %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n rows to %1 (UTF-8 with BOM, &apos;;&apos; separators).</source>
        <translation>
            <numerusform>Сохранена %n строка в %1 (UTF-8 с BOM, разделитель &apos;;&apos;).</numerusform>
            <numerusform>Сохранено %n строки в %1 (UTF-8 с BOM, разделитель &apos;;&apos;).</numerusform>
            <numerusform>Сохранено %n строк в %1 (UTF-8 с BOM, разделитель &apos;;&apos;).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DownloadsModel</name>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Прогресс</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Скорость</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Осталось</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Задание</translation>
    </message>
    <message>
        <source>avg %1</source>
        <translation>ср. %1</translation>
    </message>
    <message>
        <source>finished %1</source>
        <translation>завершено %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>The file is no longer at %1.</source>
        <translation>Файла больше нет: %1.</translation>
    </message>
</context>
<context>
    <name>DownloadsSection</name>
    <message>
        <source>Downloads</source>
        <translation>Загрузки</translation>
    </message>
    <message>
        <source>the Downloads folder</source>
        <translation>папка «Загрузки»</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Save export files to:</source>
        <translation>Сохранять файлы выгрузок в:</translation>
    </message>
    <message>
        <source>Files downloaded at once:</source>
        <translation>Загружать файлов одновременно:</translation>
    </message>
    <message>
        <source>Folder for export files</source>
        <translation>Папка для файлов выгрузок</translation>
    </message>
</context>
<context>
    <name>ExportsCounted</name>
    <message numerus="yes">
        <source>%n job(s)</source>
        <translation>
            <numerusform>%n задание</numerusform>
            <numerusform>%n задания</numerusform>
            <numerusform>%n заданий</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in progress</source>
        <translation>
            <numerusform>%n выполняется</numerusform>
            <numerusform>%n выполняются</numerusform>
            <numerusform>%n выполняются</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>SMSC accepts 3 identical list requests a minute: available in %n s</source>
        <translation>
            <numerusform>SMSC принимает не более 3 одинаковых запросов списка в минуту: доступно через %n с</numerusform>
            <numerusform>SMSC принимает не более 3 одинаковых запросов списка в минуту: доступно через %n с</numerusform>
            <numerusform>SMSC принимает не более 3 одинаковых запросов списка в минуту: доступно через %n с</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>next refresh in %n s</source>
        <translation>
            <numerusform>следующее обновление через %n с</numerusform>
            <numerusform>следующее обновление через %n с</numerusform>
            <numerusform>следующее обновление через %n с</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n files from disk?</source>
        <translation>
            <numerusform>Удалить %n файл с диска?</numerusform>
            <numerusform>Удалить %n файла с диска?</numerusform>
            <numerusform>Удалить %n файлов с диска?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n downloading</source>
        <translation>
            <numerusform>%n скачивается</numerusform>
            <numerusform>%n скачиваются</numerusform>
            <numerusform>%n скачиваются</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to retry</source>
        <translation>
            <numerusform>%n ждёт повтора</numerusform>
            <numerusform>%n ждут повтора</numerusform>
            <numerusform>%n ждут повтора</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n в очереди</numerusform>
            <numerusform>%n в очереди</numerusform>
            <numerusform>%n в очереди</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paused</source>
        <translation>
            <numerusform>%n на паузе</numerusform>
            <numerusform>%n на паузе</numerusform>
            <numerusform>%n на паузе</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n с ошибкой</numerusform>
            <numerusform>%n с ошибкой</numerusform>
            <numerusform>%n с ошибкой</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>%n завершена</numerusform>
            <numerusform>%n завершены</numerusform>
            <numerusform>%n завершено</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FreeNumbersModel</name>
    <message>
        <source>Dedicated virtual number for receiving SMS</source>
        <translation>Выделенный виртуальный номер для приема SMS</translation>
    </message>
    <message>
        <source>Number on a SIM card hosted by SMSC (SIM hosting)</source>
        <translation>Номер на SIM-карте, размещенной в SMSC (SIM-хостинг)</translation>
    </message>
    <message>
        <source>A type of number this app does not know</source>
        <translation>Тип номера, неизвестный программе</translation>
    </message>
    <message>
        <source>(SMSC type %1)</source>
        <translation>(тип в SMSC: %1)</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Уведомления</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>В месяц</translation>
    </message>
    <message>
        <source>Now (rest of month)</source>
        <translation>Сейчас (за остаток месяца)</translation>
    </message>
    <message>
        <source>Charged when you rent it today: the price for the days left in this month</source>
        <translation>Спишется при аренде сегодня: цена за оставшиеся дни этого месяца</translation>
    </message>
    <message>
        <source>Charged every month from next month while auto-renewal is on</source>
        <translation>Списывается каждый месяц начиная со следующего, пока включено автопродление</translation>
    </message>
</context>
<context>
    <name>FreeNumbersPane</name>
    <message>
        <source>Free numbers</source>
        <translation>Свободные номера</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>SMSC allows 2 requests for the free list a minute.</source>
        <translation>SMSC разрешает 2 запроса списка свободных номеров в минуту.</translation>
    </message>
    <message>
        <source>Load the list of free numbers again (F5)</source>
        <translation>Загрузить список свободных номеров заново (F5)</translation>
    </message>
    <message>
        <source>Rent…</source>
        <translation>Арендовать…</translation>
    </message>
    <message>
        <source>Renting…</source>
        <translation>Аренда…</translation>
    </message>
    <message>
        <source>SMSC allows 2 rent requests for the same number a minute.</source>
        <translation>SMSC разрешает 2 запроса на аренду одного номера в минуту.</translation>
    </message>
    <message>
        <source>Rent the selected number (Enter or double-click); you confirm the price first</source>
        <translation>Арендовать выбранный номер (Enter или двойной щелчок); сначала вы подтвердите цену</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Выгрузить CSV…</translation>
    </message>
    <message>
        <source>Save the numbers shown (as filtered and sorted)</source>
        <translation>Сохранить показанные номера (с учетом фильтров и сортировки)</translation>
    </message>
    <message>
        <source>Rent %1…</source>
        <translation>Арендовать %1…</translation>
    </message>
    <message>
        <source>Copy number</source>
        <translation>Копировать номер</translation>
    </message>
    <message>
        <source>Copy row</source>
        <translation>Копировать строку</translation>
    </message>
    <message>
        <source>Export the numbers shown…</source>
        <translation>Выгрузить показанные номера…</translation>
    </message>
</context>
<context>
    <name>HandlerUrlBuilder</name>
    <message>
        <source>Handler URL builder</source>
        <translation>Конструктор адреса обработчика</translation>
    </message>
    <message>
        <source>SMSC calls the client&apos;s script (the “handler”) with every delivery status, incoming SMS and call-verification message. Delivery statuses come only for messages sent over HTTP/HTTPS, SMTP or SMPP, never for messages sent from the SMSC cabinet. Fill in the form to get the exact address to enter in the SMSC cabinet, under User settings.</source>
        <translation>SMSC вызывает скрипт клиента («обработчик») при каждом статусе доставки, входящем SMS и служебном сообщении о подтверждении звонком. Статусы доставки приходят только для сообщений, отправленных по HTTP/HTTPS, SMTP или SMPP, и никогда — для сообщений, отправленных из личного кабинета SMSC. Заполните форму, чтобы получить точный адрес для личного кабинета SMSC (раздел «Настройки пользователя»).</translation>
    </message>
    <message>
        <source>The address of the client&apos;s script. Pasting a whole handler URL fills the form.</source>
        <translation>Адрес скрипта клиента. Если вставить адрес обработчика целиком, форма заполнится автоматически.</translation>
    </message>
    <message>
        <source>The encoding SMSC uses for the values it sends (and hashes).</source>
        <translation>Кодировка, в которой SMSC передаёт значения (и вычисляет хеши).</translation>
    </message>
    <message>
        <source>With a signature, SMSC adds md5, sha1 or crc32 to every callback: the hash of the data and the secret, so the handler can reject forged calls. md5 and sha1 are lower-case hex. crc32 is assumed to be the unsigned decimal number (as zlib.crc32 or PHP&apos;s crc32 on 64-bit give); the checker accepts hex too.</source>
        <translation>С подписью SMSC добавляет к каждому уведомлению md5, sha1 или crc32 — хеш данных и секретной строки, чтобы обработчик мог отклонять поддельные вызовы. md5 и sha1 передаются в hex в нижнем регистре. Для crc32 предполагается беззнаковое десятичное число (как у zlib.crc32 или crc32 в PHP на 64-битных системах); проверка принимает и hex.</translation>
    </message>
    <message>
        <source>Latin letters, digits, - and _</source>
        <translation>Латинские буквы, цифры, - и _</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Создать</translation>
    </message>
    <message>
        <source>Make a random secret of allowed characters</source>
        <translation>Создать случайную секретную строку из допустимых символов</translation>
    </message>
    <message>
        <source>Handler script:</source>
        <translation>Скрипт-обработчик:</translation>
    </message>
    <message>
        <source>Charset:</source>
        <translation>Кодировка:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Формат:</translation>
    </message>
    <message>
        <source>Signature:</source>
        <translation>Подпись:</translation>
    </message>
    <message>
        <source>Secret:</source>
        <translation>Секретная строка:</translation>
    </message>
    <message>
        <source>GET parameters:</source>
        <translation>Параметры GET:</translation>
    </message>
    <message>
        <source>Written between ! and ?: SMSC sends them in the handler&apos;s address.</source>
        <translation>Записываются между ! и ?: SMSC передаёт их в адресе обработчика.</translation>
    </message>
    <message>
        <source>POST parameters:</source>
        <translation>Параметры POST:</translation>
    </message>
    <message>
        <source>Written after ?: SMSC posts them with every callback, next to its own fields.</source>
        <translation>Записываются после ?: SMSC передаёт их методом POST с каждым уведомлением вместе со своими полями.</translation>
    </message>
    <message>
        <source>URL to enter in the SMSC settings</source>
        <translation>Адрес для ввода в настройках SMSC</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Send a test callback…</source>
        <translation>Отправить тестовое уведомление…</translation>
    </message>
    <message>
        <source>Post a signed sample callback to this URL</source>
        <translation>Отправить на этот адрес подписанное тестовое уведомление методом POST</translation>
    </message>
    <message>
        <source>fmt=%1 (as pasted; not documented)</source>
        <translation>fmt=%1 (как во вставленном адресе; не описано в документации)</translation>
    </message>
    <message>
        <source>as form fields</source>
        <translation>в виде полей формы</translation>
    </message>
    <message>
        <source>as an XML body</source>
        <translation>телом в формате XML</translation>
    </message>
    <message>
        <source>as a JSON body</source>
        <translation>телом в формате JSON</translation>
    </message>
    <message>
        <source>SMSC will POST each status, incoming SMS and call %1 in %2 to %3</source>
        <translation>SMSC будет отправлять методом POST каждый статус, входящее SMS и звонок %1 в кодировке %2 на %3</translation>
    </message>
    <message>
        <source>with &lt;b&gt;%1&lt;/b&gt; = %1 of “%2” for statuses (“%3” for calls, unconfirmed)</source>
        <translation>с полем &lt;b&gt;%1&lt;/b&gt; = %1 от «%2» для статусов («%3» для звонков, не подтверждено)</translation>
    </message>
    <message>
        <source>plus the fields %1</source>
        <translation>а также поля %1</translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message>
        <source>History of this account</source>
        <translation>История этого аккаунта</translation>
    </message>
    <message>
        <source>Every verification of this account appears here: who was verified, the number they called, when, the outcome and how long the call took.</source>
        <translation>Здесь отображаются все проверки этого аккаунта: кого проверяли, на какой номер звонили, когда, с каким результатом и через сколько поступил звонок.</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Очистить завершённые</translation>
    </message>
    <message>
        <source>Remove confirmed, expired and failed verifications from the history</source>
        <translation>Удалить из истории подтверждённые, истёкшие и завершившиеся ошибкой проверки</translation>
    </message>
    <message>
        <source>empty · kept on this computer for this account, across restarts</source>
        <translation>пусто · хранится на этом компьютере для этого аккаунта и сохраняется после перезапуска</translation>
    </message>
    <message numerus="yes">
        <source>%n verification(s), kept across restarts</source>
        <translation>
            <numerusform>%n проверка, сохраняется после перезапуска</numerusform>
            <numerusform>%n проверки, сохраняются после перезапуска</numerusform>
            <numerusform>%n проверок, сохраняются после перезапуска</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear the history</source>
        <translation>Очистка истории</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n finished verification(s) from this account&apos;s history?</source>
        <translation>
            <numerusform>Удалить из истории аккаунта %n завершённую проверку?</numerusform>
            <numerusform>Удалить из истории аккаунта %n завершённые проверки?</numerusform>
            <numerusform>Удалить из истории аккаунта %n завершённых проверок?</numerusform>
        </translation>
    </message>
    <message>
        <source>Verifications still waiting for a call are kept.</source>
        <translation>Проверки, ещё ожидающие звонка, останутся.</translation>
    </message>
</context>
<context>
    <name>InboxCounted</name>
    <message numerus="yes">
        <source>%n SMS</source>
        <translation>
            <numerusform>%n SMS</numerusform>
            <numerusform>%n SMS</numerusform>
            <numerusform>%n SMS</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n новое</numerusform>
            <numerusform>%n новых</numerusform>
            <numerusform>%n новых</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new SMS in the inbox</source>
        <translation>
            <numerusform>%n новое SMS во входящих</numerusform>
            <numerusform>%n новых SMS во входящих</numerusform>
            <numerusform>%n новых SMS во входящих</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n s while this tab is open</source>
        <translation>
            <numerusform>каждые %n с, пока открыта эта вкладка</numerusform>
            <numerusform>каждые %n с, пока открыта эта вкладка</numerusform>
            <numerusform>каждые %n с, пока открыта эта вкладка</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>next try in %n s</source>
        <translation>
            <numerusform>следующая попытка через %n с</numerusform>
            <numerusform>следующая попытка через %n с</numerusform>
            <numerusform>следующая попытка через %n с</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>over the last %n h</source>
        <translation>
            <numerusform>за последние %n ч</numerusform>
            <numerusform>за последние %n ч</numerusform>
            <numerusform>за последние %n ч</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <source>Received</source>
        <translation>Получено</translation>
    </message>
    <message>
        <source>On number</source>
        <translation>На номер</translation>
    </message>
    <message>
        <source>From</source>
        <translation>От кого</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>Received by SMSC: %1</source>
        <translation>Получено SMSC: %1</translation>
    </message>
    <message>
        <source>Sent: %1</source>
        <translation>Отправлено: %1</translation>
    </message>
</context>
<context>
    <name>InboxPane</name>
    <message>
        <source>Incoming SMS</source>
        <translation>Входящие SMS</translation>
    </message>
    <message>
        <source>Number whose SMS are shown</source>
        <translation>Номер, SMS которого показаны</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>The selected SMS</source>
        <translation>Выбранное SMS</translation>
    </message>
    <message>
        <source>Simulate an incoming SMS…</source>
        <translation>Имитировать входящее SMS…</translation>
    </message>
    <message>
        <source>Test this number…</source>
        <translation>Проверить номер…</translation>
    </message>
    <message>
        <source>Send an SMS to the chosen number and see how long it takes to arrive</source>
        <translation>Отправьте SMS на выбранный номер и посмотрите, сколько времени оно идёт</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Выгрузить CSV…</translation>
    </message>
    <message>
        <source>Save the SMS shown (as filtered)</source>
        <translation>Сохранить показанные SMS (с учётом фильтра)</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Копировать текст</translation>
    </message>
    <message>
        <source>Copy sender</source>
        <translation>Копировать отправителя</translation>
    </message>
    <message>
        <source>Copy as a line (time, number, sender, text)</source>
        <translation>Копировать строкой (время, номер, отправитель, текст)</translation>
    </message>
    <message>
        <source>Show only this number</source>
        <translation>Показать только этот номер</translation>
    </message>
    <message>
        <source>Show only this sender</source>
        <translation>Показать только этого отправителя</translation>
    </message>
</context>
<context>
    <name>InboxSection</name>
    <message>
        <source>Incoming SMS</source>
        <translation>Входящие SMS</translation>
    </message>
    <message>
        <source>The Numbers tab shows the SMS that arrive on the account&apos;s numbers. It checks for new ones while it is open and the account rents a number.</source>
        <translation>Вкладка «Номера» показывает SMS, пришедшие на номера аккаунта. Новые она проверяет, пока открыта и пока у аккаунта есть арендованный номер.</translation>
    </message>
    <message>
        <source>Show the SMS of the last:</source>
        <translation>Показывать SMS за последние:</translation>
    </message>
    <message>
        <source> h</source>
        <translation> ч</translation>
    </message>
    <message>
        <source>Check for new SMS every:</source>
        <translation>Проверять новые SMS каждые:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
</context>
<context>
    <name>InsightsCounted</name>
    <message numerus="yes">
        <source>%Ln line(s) could not be read:</source>
        <translation>
            <numerusform>%Ln строку не удалось прочитать:</numerusform>
            <numerusform>%Ln строки не удалось прочитать:</numerusform>
            <numerusform>%Ln строк не удалось прочитать:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln сообщение</numerusform>
            <numerusform>%Ln сообщения</numerusform>
            <numerusform>%Ln сообщений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n part(s)</source>
        <translation>
            <numerusform>%n часть</numerusform>
            <numerusform>%n части</numerusform>
            <numerusform>%n частей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>%Ln запись</numerusform>
            <numerusform>%Ln записи</numerusform>
            <numerusform>%Ln записей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n others</source>
        <translation>
            <numerusform>ещё %n</numerusform>
            <numerusform>ещё %n</numerusform>
            <numerusform>ещё %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InsightsDialog</name>
    <message>
        <source>Charts</source>
        <translation>Диаграммы</translation>
    </message>
</context>
<context>
    <name>JobsModel</name>
    <message>
        <source>Waiting</source>
        <translation>Ожидает</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Выполняется</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменено</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Unknown (%1)</source>
        <translation>Неизвестно (%1)</translation>
    </message>
    <message>
        <source>SMSC has not started this export yet.</source>
        <translation>SMSC ещё не начал эту выгрузку.</translation>
    </message>
    <message>
        <source>SMSC is building the file.</source>
        <translation>SMSC формирует файл.</translation>
    </message>
    <message>
        <source>The file is ready to download.</source>
        <translation>Файл готов к скачиванию.</translation>
    </message>
    <message>
        <source>The export was cancelled; there is no file.</source>
        <translation>Выгрузка отменена; файла нет.</translation>
    </message>
    <message>
        <source>SMSC could not build the file. Start the export again.</source>
        <translation>SMSC не удалось сформировать файл. Запустите выгрузку заново.</translation>
    </message>
    <message>
        <source>SMSC reported a status this version does not know.</source>
        <translation>SMSC сообщил статус, неизвестный этой версии программы.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Создано</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Запущено</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
</context>
<context>
    <name>JournalModel</name>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Аккаунт</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <source>Rent</source>
        <translation>Аренда</translation>
    </message>
    <message>
        <source>Auto-renewal on</source>
        <translation>Включение автопродления</translation>
    </message>
    <message>
        <source>Auto-renewal off</source>
        <translation>Отключение автопродления</translation>
    </message>
    <message>
        <source>Check after unknown result</source>
        <translation>Проверка (результат был неизвестен)</translation>
    </message>
    <message>
        <source>Test SMS</source>
        <translation>Тестовое SMS</translation>
    </message>
    <message>
        <source>No answer recorded</source>
        <translation>Ответ не записан</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Выполнено</translation>
    </message>
    <message>
        <source>Refused by SMSC</source>
        <translation>Отклонено SMSC</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Не отправлено</translation>
    </message>
    <message>
        <source>Result unknown</source>
        <translation>Результат неизвестен</translation>
    </message>
    <message>
        <source>Probably rented</source>
        <translation>Вероятно, арендован</translation>
    </message>
    <message>
        <source>Not rented</source>
        <translation>Не арендован</translation>
    </message>
    <message>
        <source>Check failed</source>
        <translation>Проверка не удалась</translation>
    </message>
    <message>
        <source>Probably sent</source>
        <translation>Вероятно, отправлено</translation>
    </message>
    <message>
        <source>Probably not sent</source>
        <translation>Вероятно, не отправлено</translation>
    </message>
    <message>
        <source>%1 a month</source>
        <translation>%1 в месяц</translation>
    </message>
    <message>
        <source>no answer came back</source>
        <translation>ответ не пришёл</translation>
    </message>
    <message>
        <source>the answer could not be read</source>
        <translation>не удалось прочитать ответ</translation>
    </message>
    <message>
        <source>held back: SMSC&apos;s limit of identical requests</source>
        <translation>задержано: лимит SMSC на одинаковые запросы</translation>
    </message>
    <message>
        <source>could not connect to SMSC</source>
        <translation>не удалось подключиться к SMSC</translation>
    </message>
    <message>
        <source>the app stopped while waiting for the answer</source>
        <translation>программа завершилась, не дождавшись ответа</translation>
    </message>
    <message>
        <source>file error: %1</source>
        <translation>ошибка файла: %1</translation>
    </message>
    <message>
        <source>no longer on SMSC&apos;s free list</source>
        <translation>больше нет в списке свободных номеров SMSC</translation>
    </message>
    <message>
        <source>still on SMSC&apos;s free list</source>
        <translation>всё ещё в списке свободных номеров SMSC</translation>
    </message>
    <message>
        <source>SMS id %1</source>
        <translation>id SMS %1</translation>
    </message>
    <message>
        <source>balance %1 → %2</source>
        <translation>баланс %1 → %2</translation>
    </message>
    <message>
        <source>auto-renewal on</source>
        <translation>автопродление включено</translation>
    </message>
    <message>
        <source>auto-renewal off</source>
        <translation>автопродление отключено</translation>
    </message>
    <message>
        <source>SMSC error %1</source>
        <translation>Ошибка SMSC %1</translation>
    </message>
    <message>
        <source>The request was written to the journal but no outcome followed (the app stopped while waiting). Check the SMSC cabinet.</source>
        <translation>Запрос записан в журнал, но результат не последовал (программа завершилась, не дождавшись ответа). Проверьте в личном кабинете SMSC.</translation>
    </message>
</context>
<context>
    <name>JournalPane</name>
    <message>
        <source>Journal</source>
        <translation>Журнал операций</translation>
    </message>
    <message>
        <source>Export journal…</source>
        <translation>Выгрузить журнал…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>&amp;About SMSC Desktop</source>
        <translation>&amp;О программе SMSC Desktop</translation>
    </message>
    <message>
        <source>Accounts &amp;overview</source>
        <translation>&amp;Обзор аккаунтов</translation>
    </message>
    <message>
        <source>The settings could not be saved (they apply until the app closes): %1</source>
        <translation>Не удалось сохранить настройки (они действуют, пока приложение открыто): %1</translation>
    </message>
    <message numerus="yes">
        <source>SMSC allows 10 balance requests a minute: try again in %n s</source>
        <translation>
            <numerusform>SMSC разрешает 10 запросов баланса в минуту: повторите через %n с</numerusform>
            <numerusform>SMSC разрешает 10 запросов баланса в минуту: повторите через %n с</numerusform>
            <numerusform>SMSC разрешает 10 запросов баланса в минуту: повторите через %n с</numerusform>
        </translation>
    </message>
    <message>
        <source>About SMSC Desktop</source>
        <translation>О программе SMSC Desktop</translation>
    </message>
    <message>
        <source>Administration console for SMSC account managers.</source>
        <translation>Консоль администрирования для менеджеров аккаунтов SMSC.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Close this message</source>
        <translation>Закрыть сообщение</translation>
    </message>
</context>
<context>
    <name>MyNumbersModel</name>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Operator and type</source>
        <translation>Оператор и тип</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>В месяц</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Оплачено</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Арендован с</translation>
    </message>
    <message>
        <source>Auto-renewal</source>
        <translation>Автопродление</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Result unknown — checking SMSC&apos;s free list…</source>
        <translation>Результат неизвестен — проверяем список свободных номеров SMSC…</translation>
    </message>
    <message>
        <source>Result unknown — check the SMSC cabinet</source>
        <translation>Результат неизвестен — проверьте в личном кабинете SMSC</translation>
    </message>
    <message>
        <source>Probably rented — check the SMSC cabinet</source>
        <translation>Вероятно, арендован — проверьте в личном кабинете SMSC</translation>
    </message>
    <message>
        <source>Rental ended (it is on the free list again)</source>
        <translation>Аренда закончилась (номер снова в списке свободных)</translation>
    </message>
    <message>
        <source>Rented elsewhere</source>
        <translation>Арендован в другом месте</translation>
    </message>
    <message>
        <source>Rented</source>
        <translation>Арендован</translation>
    </message>
    <message>
        <source>The rent request was sent but no answer came back. The app checks SMSC&apos;s list of free numbers: if the number has left it, it was most likely rented by this account. It is never rented a second time automatically.</source>
        <translation>Запрос на аренду отправлен, но ответ не пришёл. Программа проверяет список свободных номеров SMSC: если номера в нём больше нет, скорее всего, его арендовал этот аккаунт. Повторно номер автоматически никогда не арендуется.</translation>
    </message>
    <message>
        <source>The answer to the rent request was lost, and the number is no longer on SMSC&apos;s list of free numbers, so it was most likely rented by this account. SMSC&apos;s API cannot list rented numbers: confirm it under &quot;Receiving numbers&quot; in the SMSC cabinet, then choose &quot;Confirm rented&quot;.</source>
        <translation>Ответ на запрос аренды потерян, а номера больше нет в списке свободных номеров SMSC, поэтому, скорее всего, его арендовал этот аккаунт. API SMSC не выдаёт список арендованных номеров: проверьте номер в разделе «Номера для приема» личного кабинета SMSC, затем выберите «Подтвердить аренду».</translation>
    </message>
    <message>
        <source>SMSC offers this number as free again, so its rental has ended. Remove it from My numbers, or rent it again.</source>
        <translation>SMSC снова предлагает этот номер как свободный, значит, его аренда закончилась. Уберите его из списка «Мои номера» или арендуйте снова.</translation>
    </message>
    <message>
        <source>Switching on…</source>
        <translation>Включение…</translation>
    </message>
    <message>
        <source>Switching off…</source>
        <translation>Отключение…</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Вкл.</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Выкл.</translation>
    </message>
    <message>
        <source>(unconfirmed)</source>
        <translation>(не подтверждено)</translation>
    </message>
    <message>
        <source>wait %1 s</source>
        <translation>ещё %1 с</translation>
    </message>
    <message>
        <source>Waiting for SMSC to confirm the change.</source>
        <translation>Ожидаем, пока SMSC подтвердит изменение.</translation>
    </message>
    <message>
        <source>The last change got no answer from SMSC, so SMSC may still have the other setting. Switch it again to be sure.</source>
        <translation>На последнее изменение SMSC не ответил, поэтому в SMSC может действовать прежняя настройка. Для надёжности переключите ещё раз.</translation>
    </message>
    <message numerus="yes">
        <source>SMSC accepts 2 renewal changes per number a minute. Available again in %n s.</source>
        <translation>
            <numerusform>SMSC принимает не более 2 изменений продления одного номера в минуту. Снова доступно через %n секунду.</numerusform>
            <numerusform>SMSC принимает не более 2 изменений продления одного номера в минуту. Снова доступно через %n секунды.</numerusform>
            <numerusform>SMSC принимает не более 2 изменений продления одного номера в минуту. Снова доступно через %n секунд.</numerusform>
        </translation>
    </message>
    <message>
        <source>Renewed every month. Click to switch auto-renewal off.</source>
        <translation>Продлевается каждый месяц. Нажмите, чтобы отключить автопродление.</translation>
    </message>
    <message>
        <source>Released at the end of the month. Click to switch auto-renewal on.</source>
        <translation>Освобождается в конце месяца. Нажмите, чтобы включить автопродление.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
</context>
<context>
    <name>MyNumbersPane</name>
    <message>
        <source>My numbers</source>
        <translation>Мои номера</translation>
    </message>
    <message>
        <source>Add a number rented elsewhere…</source>
        <translation>Добавить номер, арендованный вне программы…</translation>
    </message>
    <message>
        <source>Confirm rented</source>
        <translation>Подтвердить аренду</translation>
    </message>
    <message>
        <source>You found the number in the SMSC cabinet: mark it as rented</source>
        <translation>Вы нашли номер в личном кабинете SMSC: отметить его как арендованный</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Проверить снова</translation>
    </message>
    <message>
        <source>Check SMSC&apos;s free list again to find out whether the rent happened</source>
        <translation>Еще раз проверить список свободных номеров SMSC, чтобы узнать, состоялась ли аренда</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Убрать из списка</translation>
    </message>
    <message>
        <source>Stop tracking the number here (nothing is sent to SMSC)</source>
        <translation>Перестать отслеживать номер здесь (в SMSC ничего не отправляется)</translation>
    </message>
    <message>
        <source>Test this number…</source>
        <translation>Проверить номер…</translation>
    </message>
    <message>
        <source>Send an SMS to the selected number and see how long it takes to arrive</source>
        <translation>Отправьте SMS на выбранный номер и посмотрите, сколько времени оно идёт</translation>
    </message>
    <message>
        <source>Copy number</source>
        <translation>Копировать номер</translation>
    </message>
</context>
<context>
    <name>NotificationsSection</name>
    <message>
        <source>Notifications</source>
        <translation>Уведомления</translation>
    </message>
</context>
<context>
    <name>NumberTestDialog</name>
    <message>
        <source>Number to send the SMS to</source>
        <translation>Номер, на который нужно отправить SMS</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Copy the number in international format</source>
        <translation>Скопировать номер в международном формате</translation>
    </message>
    <message>
        <source>Simulate an incoming SMS</source>
        <translation>Имитировать входящее SMS</translation>
    </message>
    <message>
        <source>Test again</source>
        <translation>Проверить ещё раз</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Скопировано</translation>
    </message>
</context>
<context>
    <name>NumbersFilterBar</name>
    <message>
        <source>All types</source>
        <translation>Все типы</translation>
    </message>
    <message>
        <source>Virtual numbers</source>
        <translation>Виртуальные номера</translation>
    </message>
    <message>
        <source>SIM hosting</source>
        <translation>SIM-хостинг</translation>
    </message>
    <message>
        <source>Type of number</source>
        <translation>Тип номера</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>Все операторы</translation>
    </message>
    <message>
        <source>Mobile operator</source>
        <translation>Мобильный оператор</translation>
    </message>
    <message>
        <source>Up to</source>
        <translation>До</translation>
    </message>
    <message>
        <source>any price</source>
        <translation>любая цена</translation>
    </message>
    <message>
        <source>Highest price per month</source>
        <translation>Максимальная цена в месяц</translation>
    </message>
    <message>
        <source>Contains</source>
        <translation>Содержит</translation>
    </message>
    <message>
        <source>Ends with</source>
        <translation>Оканчивается на</translation>
    </message>
    <message>
        <source>How the digits are matched</source>
        <translation>Способ сравнения цифр</translation>
    </message>
    <message>
        <source>digits, e.g. 777</source>
        <translation>цифры, например 777</translation>
    </message>
    <message>
        <source>Also takes calls</source>
        <translation>Принимает звонки</translation>
    </message>
    <message>
        <source>Only numbers that receive calls as well as SMS</source>
        <translation>Только номера, принимающие не только SMS, но и звонки</translation>
    </message>
    <message>
        <source>Search operator, SMS, calls, number…</source>
        <translation>Оператор, SMS, звонки, номер…</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Сбросить фильтры</translation>
    </message>
    <message>
        <source>Digits in the number</source>
        <translation>Цифры в номере</translation>
    </message>
    <message>
        <source>Search the numbers</source>
        <translation>Поиск по номерам</translation>
    </message>
</context>
<context>
    <name>NumbersTab</name>
    <message>
        <source>Numbers</source>
        <translation>Номера</translation>
    </message>
    <message>
        <source>My numbers (%1)</source>
        <translation>Мои номера (%1)</translation>
    </message>
    <message>
        <source>Journal (%1)</source>
        <translation>Журнал операций (%1)</translation>
    </message>
</context>
<context>
    <name>OverviewCounted</name>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n аккаунт</numerusform>
            <numerusform>%n аккаунта</numerusform>
            <numerusform>%n аккаунтов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n требует внимания</numerusform>
            <numerusform>%n требуют внимания</numerusform>
            <numerusform>%n требуют внимания</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed to refresh</source>
        <translation>
            <numerusform>%n не обновился</numerusform>
            <numerusform>%n не обновились</numerusform>
            <numerusform>%n не обновились</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n с ошибкой</numerusform>
            <numerusform>%n с ошибкой</numerusform>
            <numerusform>%n с ошибкой</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting for SMSC&apos;s limit</source>
        <translation>
            <numerusform>%n ждёт лимита SMSC</numerusform>
            <numerusform>%n ждут лимита SMSC</numerusform>
            <numerusform>%n ждут лимита SMSC</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n on %1</source>
        <comment>renewals due</comment>
        <translation>
            <numerusform>%n номер, %1</numerusform>
            <numerusform>%n номера, %1</numerusform>
            <numerusform>%n номеров, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n number(s) renew(s) on the 1st</source>
        <translation>
            <numerusform>%n номер продлевается 1-го числа</numerusform>
            <numerusform>%n номера продлеваются 1-го числа</numerusform>
            <numerusform>%n номеров продлеваются 1-го числа</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n number(s) renew(s) on %1 for %2.</source>
        <translation>
            <numerusform>%n номер продлится %1 за %2.</numerusform>
            <numerusform>%n номера продлятся %1 за %2.</numerusform>
            <numerusform>%n номеров продлятся %1 за %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n renewing number(s) without a known price</source>
        <translation>
            <numerusform>цена %n продлеваемого номера неизвестна</numerusform>
            <numerusform>цена %n продлеваемых номеров неизвестна</numerusform>
            <numerusform>цена %n продлеваемых номеров неизвестна</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in the queue</source>
        <comment>downloads</comment>
        <translation>
            <numerusform>%n в очереди</numerusform>
            <numerusform>%n в очереди</numerusform>
            <numerusform>%n в очереди</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <comment>downloads</comment>
        <translation>
            <numerusform>%n с ошибкой</numerusform>
            <numerusform>%n с ошибкой</numerusform>
            <numerusform>%n с ошибкой</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n thing(s) need(s) attention</source>
        <translation>
            <numerusform>%n пункт требует внимания</numerusform>
            <numerusform>%n пункта требуют внимания</numerusform>
            <numerusform>%n пунктов требуют внимания</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Renewal change refused for %n numbers</source>
        <translation>
            <numerusform>Отказ в изменении продления для %n номера</numerusform>
            <numerusform>Отказ в изменении продления для %n номеров</numerusform>
            <numerusform>Отказ в изменении продления для %n номеров</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n numbers probably rented: confirm them in the SMSC cabinet</source>
        <translation>
            <numerusform>%n номер, вероятно, арендован: подтвердите в личном кабинете SMSC</numerusform>
            <numerusform>%n номера, вероятно, арендованы: подтвердите в личном кабинете SMSC</numerusform>
            <numerusform>%n номеров, вероятно, арендованы: подтвердите в личном кабинете SMSC</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) failed</source>
        <translation>
            <numerusform>%n загрузка не удалась</numerusform>
            <numerusform>%n загрузки не удались</numerusform>
            <numerusform>%n загрузок не удались</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n call verification(s) expired uncalled</source>
        <translation>
            <numerusform>%n проверка звонком истекла без звонка</numerusform>
            <numerusform>%n проверки звонком истекли без звонка</numerusform>
            <numerusform>%n проверок звонком истекли без звонка</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n s</source>
        <translation>
            <numerusform>через %n с</numerusform>
            <numerusform>через %n с</numerusform>
            <numerusform>через %n с</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n minute(s)</source>
        <translation>
            <numerusform>каждую %n минуту</numerusform>
            <numerusform>каждые %n минуты</numerusform>
            <numerusform>каждые %n минут</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ParamTable</name>
    <message>
        <source>Parameters</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <source>No parameters</source>
        <translation>Нет параметров</translation>
    </message>
    <message>
        <source>Add a parameter</source>
        <translation>Добавить параметр</translation>
    </message>
    <message>
        <source>Remove the selected parameter</source>
        <translation>Удалить выбранный параметр</translation>
    </message>
</context>
<context>
    <name>ParamsModel</name>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <source>e.g. Client A — marketing</source>
        <translation>например, Клиент А — маркетинг</translation>
    </message>
    <message>
        <source>The company this account is for (optional)</source>
        <translation>Компания, для которой этот аккаунт (необязательно)</translation>
    </message>
    <message>
        <source>Accounts of the same client are grouped together in the list.</source>
        <translation>Аккаунты одного клиента собираются в списке вместе.</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Клиент:</translation>
    </message>
    <message>
        <source>smsc.ru or another address</source>
        <translation>smsc.ru или другой адрес</translation>
    </message>
    <message>
        <source>The SMSC site your account was registered on, a mirror, or the address of a test server (plain http:// only on this computer).</source>
        <translation>Сайт SMSC, на котором зарегистрирован аккаунт, его зеркало или адрес тестового сервера (простой http:// — только на этом компьютере).</translation>
    </message>
    <message>
        <source>Login and password</source>
        <translation>Логин и пароль</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-ключ</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Выкл.</translation>
    </message>
    <message>
        <source>The balance turns red in the status bar below this amount (0: off).</source>
        <translation>Баланс в строке состояния становится красным, когда он ниже этой суммы (0 — выключено).</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Сервер:</translation>
    </message>
    <message>
        <source>Sign in with:</source>
        <translation>Способ входа:</translation>
    </message>
    <message>
        <source>Low-balance warning:</source>
        <translation>Предупреждение о низком балансе:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API-ключ:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
</context>
<context>
    <name>RentDialog</name>
    <message>
        <source>Rent %1</source>
        <translation>Аренда номера %1</translation>
    </message>
    <message>
        <source>Virtual number</source>
        <translation>Виртуальный номер</translation>
    </message>
    <message>
        <source>SIM hosting</source>
        <translation>SIM-хостинг</translation>
    </message>
    <message>
        <source>Number of SMSC type %1</source>
        <translation>Номер SMSC типа %1</translation>
    </message>
    <message>
        <source>Charged now:</source>
        <translation>Спишется сейчас:</translation>
    </message>
    <message>
        <source>A new day has begun for SMSC since the list was loaded, so its price changed: %1 now, where the list said %2.</source>
        <translation>С момента загрузки списка у SMSC наступили новые сутки, и цена изменилась: сейчас %1, а в списке было %2.</translation>
    </message>
    <message>
        <source>for the days left in %1</source>
        <translation>за оставшиеся дни %1</translation>
    </message>
    <message numerus="yes">
        <source>for %1 of %n days of %2</source>
        <translation>
            <numerusform>за %1 из %n дня %2</numerusform>
            <numerusform>за %1 из %n дней %2</numerusform>
            <numerusform>за %1 из %n дней %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 a month from %2, while auto-renewal is on</source>
        <translation>%1 в месяц с %2, пока включено автопродление</translation>
    </message>
    <message>
        <source>Then:</source>
        <translation>Далее:</translation>
    </message>
    <message>
        <source>Renew automatically every month</source>
        <translation>Продлевать автоматически каждый месяц</translation>
    </message>
    <message>
        <source>Off: the number is released at the end of this month. You can change this later in My numbers.</source>
        <translation>Если выключено, номер освободится в конце этого месяца. Изменить это можно позже в разделе «Мои номера».</translation>
    </message>
    <message>
        <source>Renewal:</source>
        <translation>Продление:</translation>
    </message>
    <message>
        <source>Balance now:</source>
        <translation>Баланс сейчас:</translation>
    </message>
    <message>
        <source>Balance after:</source>
        <translation>Баланс после:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Аккаунт:</translation>
    </message>
    <message>
        <source>Renting a dedicated number means accepting SMSC&apos;s rules for such numbers.</source>
        <translation>Арендуя выделенный номер, вы соглашаетесь с правилами SMSC для таких номеров.</translation>
    </message>
    <message>
        <source>SMSC&apos;s page on these numbers (%1)</source>
        <translation>Страница SMSC об этих номерах (%1)</translation>
    </message>
    <message>
        <source>Not enough money: renting costs %1 now and the balance is %2. Top up the account by at least %3, then try again. Nothing has been sent to SMSC.</source>
        <translation>Недостаточно средств: аренда сейчас стоит %1, а на балансе %2. Пополните баланс минимум на %3 и повторите попытку. В SMSC ничего не отправлено.</translation>
    </message>
    <message>
        <source>The balance could not be checked just now. If there is not enough money, SMSC refuses the rent and charges nothing.</source>
        <translation>Сейчас не удалось проверить баланс. Если средств недостаточно, SMSC откажет в аренде и ничего не спишет.</translation>
    </message>
    <message>
        <source>Rent for %1</source>
        <translation>Арендовать за %1</translation>
    </message>
    <message>
        <source>Nothing more is charged: the number is released at the end of %1.</source>
        <translation>Больше ничего не списывается: номер освобождается в конце %1.</translation>
    </message>
</context>
<context>
    <name>RequestForm</name>
    <message>
        <source>Subscriber&apos;s phone:</source>
        <translation>Телефон абонента:</translation>
    </message>
    <message>
        <source>+7 916 123-45-67</source>
        <translation>+7 916 123-45-67</translation>
    </message>
    <message>
        <source>The number the subscriber will call from, with the country code. 8 916 … and +7 916 … are both fine.</source>
        <translation>Номер, с которого позвонит абонент, с кодом страны. Можно ввести 8 916 … или +7 916 … — подойдёт любой вариант.</translation>
    </message>
    <message>
        <source>Request number</source>
        <translation>Запросить номер</translation>
    </message>
    <message>
        <source>Ask SMSC (wait_call.php) for the number the subscriber must call</source>
        <translation>Запросить у SMSC (wait_call.php) номер, на который должен позвонить абонент</translation>
    </message>
    <message>
        <source>Will be sent as %1</source>
        <translation>Будет отправлен как %1</translation>
    </message>
    <message>
        <source>(the Russian 8 became the country code 7)</source>
        <translation>(российская 8 заменена на код страны 7)</translation>
    </message>
    <message>
        <source>SMSC accepts at most %1 requests a minute for the same number.</source>
        <translation>SMSC принимает не больше %1 запросов в минуту на один номер.</translation>
    </message>
    <message numerus="yes">
        <source>Limit reached for %1: the next request is possible in %n s.</source>
        <translation>
            <numerusform>Лимит для %1 исчерпан: следующий запрос возможен через %n с.</numerusform>
            <numerusform>Лимит для %1 исчерпан: следующий запрос возможен через %n с.</numerusform>
            <numerusform>Лимит для %1 исчерпан: следующий запрос возможен через %n с.</numerusform>
        </translation>
    </message>
    <message>
        <source>Used for this number in the last minute: %1.</source>
        <translation>Для этого номера за минуту: %1.</translation>
    </message>
</context>
<context>
    <name>RequestLogModel</name>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Аккаунт</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Запрос</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>error %1</source>
        <translation>ошибка %1</translation>
    </message>
    <message>
        <source>error</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>(attempt %1)</source>
        <translation>(попытка %1)</translation>
    </message>
</context>
<context>
    <name>RequestLogPanel</name>
    <message>
        <source>Filter: account, request, error…</source>
        <translation>Фильтр: аккаунт, запрос, ошибка…</translation>
    </message>
    <message>
        <source>Filter the requests</source>
        <translation>Фильтр запросов</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Только ошибки</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Все аккаунты</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Аккаунт</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Copy the selected requests (all shown ones if none is selected)</source>
        <translation>Копировать выбранные запросы (все показанные, если ничего не выбрано)</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Сохранить…</translation>
    </message>
    <message>
        <source>Save the shown requests to a text file</source>
        <translation>Сохранить показанные запросы в текстовый файл</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
    <message>
        <source>Forget the requests listed so far</source>
        <translation>Забыть все запросы, которые сейчас в списке</translation>
    </message>
    <message>
        <source>Requests of this session</source>
        <translation>Запросы этого сеанса</translation>
    </message>
    <message>
        <source>No requests yet in this session.</source>
        <translation>В этом сеансе ещё не было запросов.</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n request(s)</source>
        <translation>
            <numerusform>Скопирован %n запрос</numerusform>
            <numerusform>Скопировано %n запроса</numerusform>
            <numerusform>Скопировано %n запросов</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the request log</source>
        <translation>Сохранить журнал запросов</translation>
    </message>
    <message>
        <source>Text files (*.txt *.tsv)</source>
        <translation>Текстовые файлы (*.txt *.tsv)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Все файлы (*)</translation>
    </message>
    <message>
        <source>Could not save the request log: %1</source>
        <translation>Не удалось сохранить журнал запросов: %1</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n request(s) to %1</source>
        <translation>
            <numerusform>Сохранен %n запрос в файл %1</numerusform>
            <numerusform>Сохранено %n запроса в файл %1</numerusform>
            <numerusform>Сохранено %n запросов в файл %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n запрос</numerusform>
            <numerusform>%n запроса</numerusform>
            <numerusform>%n запросов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n ошибка</numerusform>
            <numerusform>%n ошибки</numerusform>
            <numerusform>%n ошибок</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shown</source>
        <translation>
            <numerusform>показан %n</numerusform>
            <numerusform>показано %n</numerusform>
            <numerusform>показано %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SecretEdit</name>
    <message>
        <source>Hide</source>
        <translation>Скрыть</translation>
    </message>
    <message>
        <source>Show what is typed</source>
        <translation>Показать вводимое</translation>
    </message>
</context>
<context>
    <name>SendCallbackPanel</name>
    <message>
        <source>Send a test callback</source>
        <translation>Отправить тестовое уведомление</translation>
    </message>
    <message>
        <source>1 — delivered</source>
        <translation>1 — доставлено</translation>
    </message>
    <message>
        <source>0 — handed to the operator</source>
        <translation>0 — передано оператору</translation>
    </message>
    <message>
        <source>3 — expired</source>
        <translation>3 — просрочено</translation>
    </message>
    <message>
        <source>20 — cannot be delivered</source>
        <translation>20 — невозможно доставить</translation>
    </message>
    <message>
        <source>22 — wrong number</source>
        <translation>22 — неверный номер</translation>
    </message>
    <message>
        <source>Send test callback</source>
        <translation>Отправить тестовое уведомление</translation>
    </message>
    <message>
        <source>Handler URL:</source>
        <translation>Адрес обработчика:</translation>
    </message>
    <message>
        <source>Callback:</source>
        <translation>Уведомление:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Телефон:</translation>
    </message>
    <message>
        <source>Message id:</source>
        <translation>ID сообщения:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Статус:</translation>
    </message>
    <message>
        <source>SMS text:</source>
        <translation>Текст SMS:</translation>
    </message>
    <message>
        <source>What is sent</source>
        <translation>Что отправляется</translation>
    </message>
    <message>
        <source>Handler&apos;s answer</source>
        <translation>Ответ обработчика</translation>
    </message>
    <message>
        <source>Enter the handler URL as it is written in the SMSC settings.</source>
        <translation>Введите адрес обработчика так, как он указан в настройках SMSC.</translation>
    </message>
    <message>
        <source>This is not an http(s) address.</source>
        <translation>Это не адрес http(s).</translation>
    </message>
    <message>
        <source>No signature: the URL has no md5, sha1 or crc32 parameter.</source>
        <translation>Нет подписи: в адресе нет параметра md5, sha1 или crc32.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Отправка…</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <source>✔ The handler answered HTTP %1 %2 in %3.</source>
        <translation>✔ Обработчик ответил HTTP %1 %2 за %3.</translation>
    </message>
    <message>
        <source>It was signed with a guessed string: this shows the handler accepts the app&apos;s guess, not that it accepts SMSC&apos;s callbacks.</source>
        <translation>Запрос подписан предполагаемой строкой: это показывает, что обработчик принимает догадку приложения, а не что он примет запросы SMSC.</translation>
    </message>
    <message>
        <source>(after %1)</source>
        <translation>(через %1)</translation>
    </message>
    <message>
        <source>(empty body)</source>
        <translation>(пустое тело ответа)</translation>
    </message>
    <message>
        <source>Posts a correctly signed sample callback to the handler, exactly as SMSC would: charset, XML/JSON format, ! parameters by GET and the signature are taken from the handler URL. Use it to see whether the client&apos;s script accepts SMSC&apos;s calls. Remember when testing with real messages: SMSC sends delivery statuses only for messages sent over HTTP/HTTPS, SMTP or SMPP, never for messages sent from the SMSC cabinet.</source>
        <translation>Отправляет обработчику подписанный пример запроса так же, как это сделал бы SMSC: кодировка, формат XML/JSON, параметры с ! через GET и подпись берутся из адреса обработчика. Так можно проверить, принимает ли скрипт клиента запросы SMSC. При проверке на настоящих сообщениях помните: SMSC передаёт статусы доставки только для сообщений, отправленных по HTTP/HTTPS, SMTP или SMPP, и никогда — для отправленных из личного кабинета SMSC.</translation>
    </message>
    <message>
        <source>(the app&apos;s guess)</source>
        <translation>(догадка приложения)</translation>
    </message>
    <message>
        <source>… (cut after 4 KB)</source>
        <translation>… (обрезано после 4 КБ)</translation>
    </message>
</context>
<context>
    <name>SendTestDialog</name>
    <message>
        <source>Send a test message</source>
        <translation>Отправка тестового сообщения</translation>
    </message>
    <message>
        <source>This is a real SMS: SMSC sends it to the phone and charges the account. It is sent once; if no answer comes back, the app checks the balance instead of sending it again.</source>
        <translation>Это настоящее SMS: SMSC отправит его на телефон и спишет деньги со счёта. Оно отправляется один раз; если ответ не придёт, приложение проверит баланс, а не отправит сообщение повторно.</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Кому:</translation>
    </message>
    <message>
        <source>Sender:</source>
        <translation>Отправитель:</translation>
    </message>
    <message>
        <source>the account&apos;s default sender name</source>
        <translation>имя отправителя по умолчанию</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Текст:</translation>
    </message>
    <message>
        <source>Captcha:</source>
        <translation>Капча:</translation>
    </message>
    <message>
        <source>code %1 for the visitor at %2</source>
        <translation>код %1 для посетителя с адресом %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; for %2 (SMSC&apos;s price)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; за %2 (цена SMSC)</translation>
    </message>
    <message>
        <source>Charged:</source>
        <translation>Спишется:</translation>
    </message>
    <message>
        <source>Balance now:</source>
        <translation>Баланс сейчас:</translation>
    </message>
    <message>
        <source>Balance after:</source>
        <translation>Баланс после:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Аккаунт:</translation>
    </message>
    <message>
        <source>Not enough money: the message costs %1 and the balance is %2. Nothing has been sent.</source>
        <translation>Недостаточно денег: сообщение стоит %1, а на балансе %2. Ничего не отправлено.</translation>
    </message>
    <message>
        <source>The balance could not be checked just now. If there is not enough money, SMSC refuses the message and charges nothing.</source>
        <translation>Сейчас не удалось проверить баланс. Если денег не хватит, SMSC откажет в отправке и ничего не спишет.</translation>
    </message>
    <message>
        <source>Send for %1</source>
        <translation>Отправить за %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Разделы</translation>
    </message>
</context>
<context>
    <name>SignatureChecker</name>
    <message>
        <source>Signature checker</source>
        <translation>Проверка подписи</translation>
    </message>
    <message>
        <source>Paste a callback the client&apos;s handler received — the POST body, query string, JSON, XML or the whole HTTP request — and the secret from the handler URL. The app tells what kind of callback it is and recomputes the signature.</source>
        <translation>Вставьте уведомление, которое получил обработчик клиента, — тело POST-запроса, строку запроса, JSON, XML или весь HTTP-запрос — и секретную строку из адреса обработчика. Программа определит тип уведомления и заново вычислит подпись.</translation>
    </message>
    <message>
        <source>or JSON / XML / the whole request; “Examples” shows each kind</source>
        <translation>или JSON / XML / весь запрос; в «Примерах» есть каждый вид</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Примеры</translation>
    </message>
    <message>
        <source>Delivery status, form fields</source>
        <translation>Статус доставки, поля формы</translation>
    </message>
    <message>
        <source>Delivery status, JSON, utf-8</source>
        <translation>Статус доставки, JSON, utf-8</translation>
    </message>
    <message>
        <source>Incoming SMS, form fields, windows-1251</source>
        <translation>Входящее SMS, поля формы, windows-1251</translation>
    </message>
    <message>
        <source>Incoming SMS, XML, utf-8</source>
        <translation>Входящее SMS, XML, utf-8</translation>
    </message>
    <message>
        <source>Call verification, form fields</source>
        <translation>Подтверждение звонком, поля формы</translation>
    </message>
    <message>
        <source>Delivery status with a changed value (fails)</source>
        <translation>Статус доставки с измененным значением (не сходится)</translation>
    </message>
    <message>
        <source>the secret written in the handler URL</source>
        <translation>секретная строка из адреса обработчика</translation>
    </message>
    <message>
        <source>Automatic (the callback&apos;s charset field)</source>
        <translation>Автоматически (поле charset уведомления)</translation>
    </message>
    <message>
        <source>Values are hashed as bytes in the callback&apos;s charset. Automatic uses the charset field SMSC posts when the handler URL has one, else windows-1251.</source>
        <translation>Значения хешируются как байты в кодировке уведомления. «Автоматически» берет поле charset, которое SMSC передает, если оно есть в адресе обработчика, иначе windows-1251.</translation>
    </message>
    <message>
        <source>optional: the string the handler hashed, to see where it differs</source>
        <translation>необязательно: строка, которую хешировал обработчик, — чтобы увидеть, где она отличается</translation>
    </message>
    <message>
        <source>Callback:</source>
        <translation>Уведомление:</translation>
    </message>
    <message>
        <source>Secret:</source>
        <translation>Секретная строка:</translation>
    </message>
    <message>
        <source>Charset:</source>
        <translation>Кодировка:</translation>
    </message>
    <message>
        <source>Handler&apos;s string:</source>
        <translation>Строка обработчика:</translation>
    </message>
    <message>
        <source>Result of the check</source>
        <translation>Результат проверки</translation>
    </message>
    <message>
        <source>The result appears here. Kinds are told apart the way SMSC documents it: a mes field means an incoming SMS, waitcall a call-verification message, anything else a delivery status. Delivery statuses are signed over “id:phone:status:&lt;secret&gt;”.</source>
        <translation>Здесь появится результат. Тип определяется так, как описано в документации SMSC: поле mes означает входящее SMS, waitcall — сообщение о подтверждении звонком, все остальное — статус доставки. Статусы доставки подписываются по строке «id:phone:status:&lt;secret&gt;».</translation>
    </message>
    <message>
        <source>from the callback&apos;s charset field</source>
        <translation>из поля charset уведомления</translation>
    </message>
    <message>
        <source>from the Content-Type header</source>
        <translation>из заголовка Content-Type</translation>
    </message>
    <message>
        <source>chosen here</source>
        <translation>выбрана здесь</translation>
    </message>
    <message>
        <source>SMSC&apos;s default: the callback names no charset</source>
        <translation>по умолчанию в SMSC: в уведомлении не указана кодировка</translation>
    </message>
    <message>
        <source>The signature matches a guessed string</source>
        <translation>Подпись совпадает с предполагаемой строкой</translation>
    </message>
    <message>
        <source>The signature matches</source>
        <translation>Подпись совпадает</translation>
    </message>
    <message>
        <source>The signature does not match</source>
        <translation>Подпись не совпадает</translation>
    </message>
    <message>
        <source>Either the secret differs from the handler URL&apos;s, or the values were changed after SMSC signed them.</source>
        <translation>Либо секретная строка отличается от указанной в адресе обработчика, либо значения изменены после того, как SMSC их подписал.</translation>
    </message>
    <message>
        <source>No signature in this callback</source>
        <translation>В этом уведомлении нет подписи</translation>
    </message>
    <message>
        <source>There is no md5, sha1 or crc32 field: the handler URL has no signature parameter, so anyone could forge these calls.</source>
        <translation>Нет поля md5, sha1 или crc32: в адресе обработчика нет параметра подписи, поэтому такие вызовы может подделать кто угодно.</translation>
    </message>
    <message>
        <source>Fields needed for the signature are missing</source>
        <translation>Не хватает полей, нужных для подписи</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; callback (%2) · %3 · values read as %4 (%5)</source>
        <translation>Уведомление: &lt;b&gt;%1&lt;/b&gt; (%2) · %3 · значения прочитаны в кодировке %4 (%5)</translation>
    </message>
    <message>
        <source>The handler&apos;s string departs from the expected one at character %1, in the %2 part: expected “%3”, the handler used “%4”.</source>
        <translation>Строка обработчика расходится с ожидаемой на символе %1, в части %2: ожидалось «%3», обработчик использовал «%4».</translation>
    </message>
    <message>
        <source>The handler&apos;s string is exactly the expected one.</source>
        <translation>Строка обработчика в точности совпадает с ожидаемой.</translation>
    </message>
    <message>
        <source>received</source>
        <translation>получено</translation>
    </message>
    <message>
        <source>expected</source>
        <translation>ожидалось</translation>
    </message>
    <message>
        <source>hashed</source>
        <translation>хешировалось</translation>
    </message>
    <message>
        <source>“%1” needs the missing field(s): %2</source>
        <translation>Для «%1» не хватает полей: %2</translation>
    </message>
    <message>
        <source>Fields as received</source>
        <translation>Полученные поля</translation>
    </message>
</context>
<context>
    <name>SimulateSmsDialog</name>
    <message>
        <source>Simulate an incoming SMS</source>
        <translation>Имитировать входящее SMS</translation>
    </message>
    <message>
        <source>Number the SMS goes to</source>
        <translation>Номер, на который придёт SMS</translation>
    </message>
    <message>
        <source>Sender&apos;s phone</source>
        <translation>Телефон отправителя</translation>
    </message>
    <message>
        <source>Text of the SMS</source>
        <translation>Текст SMS</translation>
    </message>
    <message>
        <source>Delay before the SMS arrives</source>
        <translation>Задержка перед приходом SMS</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>at once</source>
        <translation>сразу</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Кому:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>От кого:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Текст:</translation>
    </message>
    <message>
        <source>Arrives:</source>
        <translation>Придёт:</translation>
    </message>
</context>
<context>
    <name>SiteCaptchaPanel</name>
    <message>
        <source>Site captcha</source>
        <translation>Капча на сайте</translation>
    </message>
    <message>
        <source>SMSC can protect a client&apos;s “send me a code” form against robots: the form shows a picture with a code from SMSC, and SMSC sends the message only when the code the visitor typed matches. Give the web team the two parts on the left; show on the right that it works.</source>
        <translation>SMSC может защитить форму «пришлите мне код» на сайте клиента от роботов: форма показывает картинку с кодом от SMSC, и SMSC отправляет сообщение, только если посетитель ввёл этот код верно. Две части слева передайте веб-разработчикам; справа покажите, что всё работает.</translation>
    </message>
    <message>
        <source>3. Try it on this account</source>
        <translation>3. Проверка на этом аккаунте</translation>
    </message>
    <message>
        <source>Open an account to try its captcha.</source>
        <translation>Откройте аккаунт, чтобы проверить его капчу.</translation>
    </message>
    <message>
        <source>The picture below comes from the account&apos;s server just as the site shows it. Type its code and send a test message: SMSC checks the code before it sends anything.</source>
        <translation>Картинка ниже загружается с сервера аккаунта — так же, как её показывает сайт. Введите код с неё и отправьте тестовое сообщение: SMSC проверит код, прежде чем что-либо отправить.</translation>
    </message>
</context>
<context>
    <name>TestSendForm</name>
    <message>
        <source>the digits in the picture</source>
        <translation>цифры с картинки</translation>
    </message>
    <message>
        <source>SMSC checks the code against the IP address the picture was shown to. Here this computer loads the picture, so enter the address SMSC sees for it: its public address (a “what is my IP” page shows it). Another address shows what a mismatch looks like.</source>
        <translation>SMSC сверяет код с IP-адресом, которому была показана картинка. Здесь картинку загружает этот компьютер, поэтому укажите адрес, под которым его видит SMSC, — его внешний адрес (его покажет любая страница «мой IP»). Другой адрес покажет, как выглядит несовпадение.</translation>
    </message>
    <message>
        <source>Your confirmation code: 1234</source>
        <translation>Ваш код подтверждения: 1234</translation>
    </message>
    <message>
        <source>optional: the account&apos;s default</source>
        <translation>необязательно: по умолчанию</translation>
    </message>
    <message>
        <source>Send a test message…</source>
        <translation>Отправить тестовое сообщение…</translation>
    </message>
    <message>
        <source>Code from the picture:</source>
        <translation>Код с картинки:</translation>
    </message>
    <message>
        <source>Code from the picture</source>
        <translation>Код с картинки</translation>
    </message>
    <message>
        <source>Visitor&apos;s IP (userip):</source>
        <translation>IP посетителя (userip):</translation>
    </message>
    <message>
        <source>Visitor&apos;s IP address</source>
        <translation>IP-адрес посетителя</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Телефон:</translation>
    </message>
    <message>
        <source>Phone of the test message</source>
        <translation>Телефон для тестового сообщения</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Текст:</translation>
    </message>
    <message>
        <source>Text of the test message</source>
        <translation>Текст тестового сообщения</translation>
    </message>
    <message>
        <source>Sender:</source>
        <translation>Отправитель:</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>Имя отправителя</translation>
    </message>
    <message>
        <source>this computer&apos;s public IP address</source>
        <translation>внешний IP-адрес этого компьютера</translation>
    </message>
    <message>
        <source>Will be sent as %1</source>
        <translation>Будет отправлен как %1</translation>
    </message>
    <message>
        <source>(the Russian 8 became the country code 7)</source>
        <translation>(российская 8 заменена на код страны 7)</translation>
    </message>
</context>
<context>
    <name>VerificationCard</name>
    <message>
        <source>Hide this card (it stays in the history)</source>
        <translation>Скрыть карточку (она останется в истории)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Copy the number to call, in international format</source>
        <translation>Скопировать номер для звонка в международном формате</translation>
    </message>
    <message>
        <source>Simulate the subscriber&apos;s call</source>
        <translation>Имитировать звонок абонента</translation>
    </message>
    <message>
        <source>Sandbox only: the subscriber calls the number, and SMSC records the [waitcall] message the app is watching for.</source>
        <translation>Только в песочнице: абонент звонит на номер, и SMSC записывает сообщение [waitcall], которого ждёт программа.</translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation>Больше не ждать</translation>
    </message>
    <message>
        <source>A mistyped number? Stop watching for its call (it stays in the history).</source>
        <translation>Ошиблись номером? Перестать ждать звонка с него (проверка останется в истории).</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Скопировано</translation>
    </message>
    <message>
        <source>Asking SMSC for a number for &lt;b&gt;%1&lt;/b&gt;…</source>
        <translation>Запрашиваем у SMSC номер для &lt;b&gt;%1&lt;/b&gt;…</translation>
    </message>
    <message>
        <source>The subscriber &lt;b&gt;%1&lt;/b&gt; must call this number from their phone:</source>
        <translation>Абонент &lt;b&gt;%1&lt;/b&gt; должен позвонить на этот номер со своего телефона:</translation>
    </message>
    <message>
        <source>Time left to call; the number expires at %1</source>
        <translation>Оставшееся время на звонок; номер действует до %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; is confirmed: the subscriber called</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; подтверждён: абонент позвонил</translation>
    </message>
    <message>
        <source>Time from getting the number to the call</source>
        <translation>Время от получения номера до звонка</translation>
    </message>
    <message>
        <source>The call came %1 after the number was given out (at %2).</source>
        <translation>Звонок поступил в %2, через %1 после выдачи номера.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; did not call within 15 minutes</source>
        <translation>С номера &lt;b&gt;%1&lt;/b&gt; не позвонили в течение 15 минут</translation>
    </message>
    <message>
        <source>Request a new number to try again.</source>
        <translation>Запросите новый номер, чтобы попробовать снова.</translation>
    </message>
    <message>
        <source>Stopped waiting for &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Звонка с &lt;b&gt;%1&lt;/b&gt; больше не ждём</translation>
    </message>
    <message>
        <source>No number for &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Нет номера для &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>SMSC marks the number confirmed when the call arrives.</source>
        <translation>SMSC отмечает номер как подтверждённый, когда поступает звонок.</translation>
    </message>
    <message>
        <source>Other numbers of SMSC&apos;s pool for this country: %1</source>
        <translation>Другие номера из пула SMSC для этой страны: %1</translation>
    </message>
</context>
<context>
    <name>VerificationHistoryModel</name>
    <message>
        <source>Subscriber</source>
        <translation>Абонент</translation>
    </message>
    <message>
        <source>Number to call</source>
        <translation>Номер для звонка</translation>
    </message>
    <message>
        <source>Requested at</source>
        <translation>Время запроса</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Time to call</source>
        <translation>Время до звонка</translation>
    </message>
    <message>
        <source>How long after SMSC gave out the number the subscriber called</source>
        <translation>Через сколько времени после выдачи номера абонент позвонил</translation>
    </message>
    <message>
        <source>The subscriber must call %1 before %2</source>
        <translation>Абонент должен позвонить на %1 до %2</translation>
    </message>
    <message>
        <source>Numbers of the pool: %1</source>
        <translation>Номера пула: %1</translation>
    </message>
    <message numerus="yes">
        <source>The call came %n second(s) after SMSC gave out the number</source>
        <translation>
            <numerusform>Звонок поступил через %n секунду после выдачи номера SMSC</numerusform>
            <numerusform>Звонок поступил через %n секунды после выдачи номера SMSC</numerusform>
            <numerusform>Звонок поступил через %n секунд после выдачи номера SMSC</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerificationTab</name>
    <message>
        <source>Pages</source>
        <translation>Разделы</translation>
    </message>
    <message>
        <source>Phone verification</source>
        <translation>Подтверждение номера</translation>
    </message>
    <message>
        <source>Call verification</source>
        <translation>Подтверждение звонком</translation>
    </message>
    <message>
        <source>Request a number; watch the subscriber&apos;s call arrive</source>
        <translation>Запрос номера и ожидание звонка абонента</translation>
    </message>
    <message>
        <source>Callback workbench</source>
        <translation>Проверка обработчика</translation>
    </message>
    <message>
        <source>Handler URL</source>
        <translation>Адрес обработчика</translation>
    </message>
    <message>
        <source>Build the address SMSC posts callbacks to</source>
        <translation>Адрес, на который SMSC отправляет уведомления</translation>
    </message>
    <message>
        <source>Signature checker</source>
        <translation>Проверка подписи</translation>
    </message>
    <message>
        <source>Is a received callback genuine?</source>
        <translation>Подлинно ли полученное уведомление?</translation>
    </message>
    <message>
        <source>Test callback</source>
        <translation>Тестовое уведомление</translation>
    </message>
    <message>
        <source>Post a signed sample to a handler</source>
        <translation>Отправка подписанного образца на обработчик</translation>
    </message>
    <message>
        <source>Site integration</source>
        <translation>Интеграция с сайтом</translation>
    </message>
    <message>
        <source>Site captcha</source>
        <translation>Капча на сайте</translation>
    </message>
    <message>
        <source>A client&apos;s form: the picture, its code, a test send</source>
        <translation>Форма клиента: картинка, код, тестовая отправка</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Подтверждение</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to SMSC Desktop</source>
        <translation>Добро пожаловать в SMSC Desktop</translation>
    </message>
    <message>
        <source>Connect the SMSC account you look after, or look around on the built-in sandbox first: it needs no account and spends no money.</source>
        <translation>Подключите аккаунт SMSC, который вы ведёте, или сначала осмотритесь во встроенной песочнице: для неё не нужен аккаунт и не тратятся деньги.</translation>
    </message>
    <message>
        <source>Connect an SMSC account</source>
        <translation>Подключить аккаунт SMSC</translation>
    </message>
    <message>
        <source>The password is kept in the system keyring.</source>
        <translation>Пароль хранится в системном хранилище паролей.</translation>
    </message>
    <message>
        <source>Without a system keyring, the password is kept for this session only.</source>
        <translation>Системного хранилища паролей нет, поэтому пароль хранится только до конца сеанса.</translation>
    </message>
    <message>
        <source>Sign in with the login and password, or an API key, of an account on smsc.ru, smsc.kz, smsc.ua or smscentre.com.</source>
        <translation>Войдите с логином и паролем или API-ключом аккаунта на smsc.ru, smsc.kz, smsc.ua или smscentre.com.</translation>
    </message>
    <message>
        <source>Try the sandbox demo</source>
        <translation>Попробовать демо в песочнице</translation>
    </message>
    <message>
        <source>A practice SMSC server inside the app with a demo account, free numbers, calls and exports. Nothing is real and nothing is charged.</source>
        <translation>Учебный сервер SMSC внутри программы с демо-аккаунтом, свободными номерами, звонками и выгрузками. Всё происходит не по-настоящему, и деньги не списываются.</translation>
    </message>
</context>
<context>
    <name>accounts</name>
    <message>
        <source>Enter a name for the account.</source>
        <translation>Введите название аккаунта.</translation>
    </message>
    <message>
        <source>Another account already has this name.</source>
        <translation>Аккаунт с таким названием уже есть.</translation>
    </message>
    <message>
        <source>The server address is not usable: enter e.g. smsc.ru or https://smsc.kz (plain http:// only for a server on this computer).</source>
        <translation>Этот адрес сервера не подходит: введите, например, smsc.ru или https://smsc.kz (простой http:// — только для сервера на этом компьютере).</translation>
    </message>
    <message>
        <source>Enter the login of the SMSC account.</source>
        <translation>Введите логин аккаунта SMSC.</translation>
    </message>
    <message>
        <source>The app was started with --no-keyring.</source>
        <translation>Приложение запущено с параметром --no-keyring.</translation>
    </message>
    <message>
        <source>No system keyring is available on this computer.</source>
        <translation>На этом компьютере нет системного хранилища паролей.</translation>
    </message>
    <message>
        <source>The only keyring available would store passwords in a plain file, which this app does not allow.</source>
        <translation>Единственное доступное хранилище сохраняло бы пароли в открытом файле, а это приложение такого не допускает.</translation>
    </message>
    <message>
        <source>The system keyring is locked and was not unlocked.</source>
        <translation>Системное хранилище паролей заблокировано и не было разблокировано.</translation>
    </message>
    <message>
        <source>The system keyring service cannot be reached.</source>
        <translation>Служба системного хранилища паролей недоступна.</translation>
    </message>
    <message>
        <source>The system keyring did not answer in time.</source>
        <translation>Системное хранилище паролей не ответило вовремя.</translation>
    </message>
    <message>
        <source>The system keyring reported an error.</source>
        <translation>Системное хранилище паролей сообщило об ошибке.</translation>
    </message>
    <message>
        <source>Passwords are kept for this session only. %1</source>
        <translation>Пароли хранятся только на этот сеанс. %1</translation>
    </message>
    <message>
        <source>Saved. The password is kept for this session only.</source>
        <translation>Сохранено. Пароль хранится только на этот сеанс.</translation>
    </message>
    <message>
        <source>The demo account&apos;s password is built in.</source>
        <translation>Пароль демо-аккаунта встроен в программу.</translation>
    </message>
    <message>
        <source>Kept in the system keyring, never in a file.</source>
        <translation>Хранится в системном хранилище паролей, а не в файле.</translation>
    </message>
    <message>
        <source>Kept for this session only: the app will ask for it next time.</source>
        <translation>Хранится только на этот сеанс: в следующий раз программа спросит его снова.</translation>
    </message>
    <message>
        <source>Public demo password</source>
        <translation>Публичный демо-пароль</translation>
    </message>
    <message>
        <source>Saved — type a new one to replace it</source>
        <translation>Сохранён — введите новый, чтобы заменить</translation>
    </message>
    <message>
        <source>Paste the API key from the SMSC settings</source>
        <translation>Вставьте API-ключ из настроек SMSC</translation>
    </message>
    <message>
        <source>The SMSC account password</source>
        <translation>Пароль аккаунта SMSC</translation>
    </message>
    <message>
        <source>Enter the API key to connect.</source>
        <translation>Введите API-ключ для подключения.</translation>
    </message>
    <message>
        <source>Enter the password to connect.</source>
        <translation>Введите пароль для подключения.</translation>
    </message>
    <message>
        <source>Enter the API key first.</source>
        <translation>Сначала введите API-ключ.</translation>
    </message>
    <message>
        <source>Enter the password first.</source>
        <translation>Сначала введите пароль.</translation>
    </message>
    <message>
        <source>Enter the API key of “%1” to connect.</source>
        <translation>Введите API-ключ аккаунта «%1», чтобы подключиться.</translation>
    </message>
    <message>
        <source>Enter the password of “%1” to connect.</source>
        <translation>Введите пароль аккаунта «%1», чтобы подключиться.</translation>
    </message>
    <message>
        <source>It is not in the system keyring.</source>
        <translation>В системном хранилище паролей его нет.</translation>
    </message>
    <message>
        <source>The built-in sandbox of the demo accounts could not start on port %1: another program may be using that port. Close it, or start SMSC Desktop with another --sandbox-port, or without that option (any free port is then used).</source>
        <translation>Встроенная песочница демо-аккаунтов не смогла запуститься на порту %1: возможно, этот порт занят другой программой. Закройте её или запустите SMSC Desktop с другим --sandbox-port либо без этого параметра (тогда будет выбран любой свободный порт).</translation>
    </message>
    <message>
        <source>The built-in sandbox of the demo accounts could not start. Restart SMSC Desktop; if it happens again, “Copy debug info” in the Help menu gives what support needs.</source>
        <translation>Встроенная песочница демо-аккаунтов не смогла запуститься. Перезапустите SMSC Desktop; если это повторится, пункт «Копировать отладочную информацию» в меню «Справка» соберёт всё, что нужно поддержке.</translation>
    </message>
    <message>
        <source>The sandbox&apos;s words: “%1”</source>
        <translation>Слова песочницы: «%1»</translation>
    </message>
    <message>
        <source>The built-in sandbox stopped unexpectedly (exit code %1) and has been started again. The demo account starts over with its sample data.</source>
        <translation>Встроенная песочница неожиданно остановилась (код завершения %1) и запущена снова. Демо-аккаунт начинает заново со своими примерами данных.</translation>
    </message>
    <message>
        <source>The built-in sandbox stopped unexpectedly (exit code %1). It starts again when a demo account is opened.</source>
        <translation>Встроенная песочница неожиданно остановилась (код завершения %1). Она запустится снова, когда будет открыт демо-аккаунт.</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Новый аккаунт</translation>
    </message>
    <message>
        <source>My SMSC account</source>
        <translation>Мой аккаунт SMSC</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (копия)</translation>
    </message>
    <message>
        <source>not saved yet</source>
        <translation>ещё не сохранён</translation>
    </message>
    <message>
        <source>open</source>
        <translation>открыт</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-ключ</translation>
    </message>
    <message>
        <source>Built-in sandbox</source>
        <translation>Встроенная песочница</translation>
    </message>
    <message>
        <source>Delete account</source>
        <translation>Удаление аккаунта</translation>
    </message>
    <message>
        <source>Delete the account “%1”?</source>
        <translation>Удалить аккаунт «%1»?</translation>
    </message>
    <message>
        <source>Its password is removed from the system keyring. The account itself on SMSC is not touched, and the app&apos;s journals for it stay on this computer.</source>
        <translation>Его пароль будет удалён из системного хранилища паролей. Сам аккаунт в SMSC не затрагивается, а журналы программы по нему остаются на этом компьютере.</translation>
    </message>
    <message>
        <source>The keyring could not be reached, so the password of “%1” is still in it; the app deletes it the next time the keyring is available.</source>
        <translation>Системное хранилище паролей недоступно, поэтому пароль аккаунта «%1» пока остаётся в нём; программа удалит его, когда хранилище снова станет доступно.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <source>Save the changes to this account first?</source>
        <translation>Сначала сохранить изменения в этом аккаунте?</translation>
    </message>
    <message>
        <source>Asking SMSC for the balance…</source>
        <translation>Запрашиваем баланс у SMSC…</translation>
    </message>
    <message>
        <source>Connected. Balance: %1</source>
        <translation>Подключено. Баланс: %1</translation>
    </message>
    <message>
        <source>SMSC error %1</source>
        <translation>Ошибка SMSC %1</translation>
    </message>
</context>
<context>
    <name>captcha</name>
    <message>
        <source>Enter the text of the test message.</source>
        <translation>Введите текст тестового сообщения.</translation>
    </message>
    <message>
        <source>A test message can have at most 1000 characters.</source>
        <translation>В тестовом сообщении может быть не больше 1000 символов.</translation>
    </message>
    <message>
        <source>A sender name has up to 11 Latin letters, digits, spaces, dots, dashes or underscores, or up to 15 digits. Leave it empty for the account&apos;s default.</source>
        <translation>Имя отправителя — до 11 латинских букв, цифр, пробелов, точек, дефисов или подчёркиваний либо до 15 цифр. Оставьте поле пустым, чтобы использовать имя по умолчанию.</translation>
    </message>
    <message>
        <source>Type the code from the picture.</source>
        <translation>Введите код с картинки.</translation>
    </message>
    <message>
        <source>The code from the picture is too long.</source>
        <translation>Код с картинки слишком длинный.</translation>
    </message>
    <message>
        <source>Enter the visitor&apos;s IP address: the address the picture was shown to.</source>
        <translation>Укажите IP-адрес посетителя — адрес, которому была показана картинка.</translation>
    </message>
    <message>
        <source>The visitor&apos;s IP address is not an IP address (like 203.0.113.5).</source>
        <translation>IP-адрес посетителя указан неверно (нужен адрес вида 203.0.113.5).</translation>
    </message>
    <message>
        <source>SMSC accepts one identical send and five identical price requests a minute; the app holds back what would go over.</source>
        <translation>SMSC принимает в минуту одну одинаковую отправку и пять одинаковых запросов стоимости; сверх этого приложение ничего не отправляет, а ждёт.</translation>
    </message>
    <message>
        <source>Held back: this message has had its share of SMSC&apos;s limit (one identical send and five identical price requests a minute; a new code from the picture may not make it another message). Available again at %1 (in %2 s), or change the text. Nothing was asked, sent or charged.</source>
        <translation>Пока не отправлено: лимит SMSC для этого сообщения исчерпан (одна одинаковая отправка и пять одинаковых запросов стоимости в минуту; новый код с картинки может и не сделать его другим сообщением). Снова можно в %1 (через %2 с) — или измените текст. Ничего не запрошено и не списано.</translation>
    </message>
    <message>
        <source>SMSC&apos;s limit lets the same message go again at %1 (in %2 s); with another text, at once.</source>
        <translation>По лимиту SMSC то же сообщение можно отправить снова в %1 (через %2 с), с другим текстом — сразу.</translation>
    </message>
    <message>
        <source>Asking SMSC what the message costs (nothing is sent yet)…</source>
        <translation>Узнаём у SMSC стоимость сообщения (пока ничего не отправляется)…</translation>
    </message>
    <message>
        <source>Sending the test message…</source>
        <translation>Отправляется тестовое сообщение…</translation>
    </message>
    <message>
        <source>SMSC&apos;s answer: “%1” (error %2).</source>
        <translation>Ответ SMSC: «%1» (ошибка %2).</translation>
    </message>
    <message>
        <source>SMSC&apos;s answer: error %1, without a description.</source>
        <translation>Ответ SMSC: ошибка %1, без описания.</translation>
    </message>
    <message>
        <source>SMSC refused the message, most likely because the captcha check failed. This is a guess: SMSC does not document which error a failed check gives (here error %1).</source>
        <translation>SMSC отказал в отправке — скорее всего, потому что код с картинки не прошёл проверку. Это предположение: в документации SMSC не сказано, какую ошибку возвращает неудачная проверка (здесь — ошибка %1).</translation>
    </message>
    <message>
        <source>Error 6 can also mean that SMSC does not allow the text or the sender name.</source>
        <translation>Ошибка 6 может также означать, что SMSC не пропускает текст сообщения или имя отправителя.</translation>
    </message>
    <message>
        <source>Not enough money on the account: SMSC sent nothing and charged nothing. Top up the balance and try again.</source>
        <translation>На счёте недостаточно денег: SMSC ничего не отправил и ничего не списал. Пополните баланс и попробуйте снова.</translation>
    </message>
    <message>
        <source>SMSC does not allow this message: its text or the sender name.</source>
        <translation>SMSC не пропускает это сообщение: из-за текста или имени отправителя.</translation>
    </message>
    <message>
        <source>SMSC says the phone number is not valid.</source>
        <translation>SMSC сообщает, что номер телефона неверный.</translation>
    </message>
    <message>
        <source>SMSC cannot deliver a message to this number.</source>
        <translation>SMSC не может доставить сообщение на этот номер.</translation>
    </message>
    <message>
        <source>This reading of error %1 is the app&apos;s guess: the documentation available to it does not state what the code means for a send.</source>
        <translation>Так ошибку %1 понимает приложение, это догадка: в доступной ему документации не сказано, что этот код означает при отправке.</translation>
    </message>
    <message>
        <source>The picture was loaded %1 min ago, so its code has probably expired. Load a new picture and type its code.</source>
        <translation>Картинка загружена %1 мин назад, поэтому её код, вероятно, устарел. Загрузите новую картинку и введите её код.</translation>
    </message>
    <message>
        <source>The visitor IP %1 is not the address the picture was shown to (%2): SMSC checks the code against that address.</source>
        <translation>IP посетителя %1 — не тот адрес, которому была показана картинка (%2), а SMSC сверяет код именно с ним.</translation>
    </message>
    <message>
        <source>Check that the code was typed as the picture shows it and that the visitor IP is the address the picture was shown to. A new picture has been loaded for the next try.</source>
        <translation>Проверьте, что код введён так, как он показан на картинке, и что IP посетителя — тот адрес, которому она была показана. Для следующей попытки загружена новая картинка.</translation>
    </message>
    <message>
        <source>SMSC did not give the price, so nothing was sent.</source>
        <translation>SMSC не сообщил стоимость, поэтому ничего не отправлено.</translation>
    </message>
    <message>
        <source>Sent. SMSC accepted the test message: id %1, %2 SMS, %3.</source>
        <translation>Отправлено. SMSC принял тестовое сообщение: id %1, SMS: %2, %3.</translation>
    </message>
    <message>
        <source>Balance: %1.</source>
        <translation>Баланс: %1.</translation>
    </message>
    <message>
        <source>The captcha worked: the code matched the picture shown to %1.</source>
        <translation>Капча сработала: код совпал с картинкой, показанной адресу %1.</translation>
    </message>
    <message>
        <source>charged %1</source>
        <translation>списано %1</translation>
    </message>
    <message>
        <source>A test message is being sent already.</source>
        <translation>Тестовое сообщение уже отправляется.</translation>
    </message>
    <message>
        <source>Not sent: this message went to SMSC less than a minute ago, and SMSC accepts one such send a minute. Send it again at %1 (in %2 s), or change the text.</source>
        <translation>Не отправлено: это сообщение ушло в SMSC меньше минуты назад, а SMSC принимает одну такую отправку в минуту. Отправьте его снова в %1 (через %2 с) или измените текст.</translation>
    </message>
    <message>
        <source>Not sent: the account&apos;s journal could not be written (%1).</source>
        <translation>Не отправлено: не удалось записать журнал операций аккаунта (%1).</translation>
    </message>
    <message>
        <source>file error</source>
        <translation>ошибка файла</translation>
    </message>
    <message>
        <source>Not sent: nothing reached SMSC and nothing was charged.</source>
        <translation>Не отправлено: запрос не дошёл до SMSC, ничего не списано.</translation>
    </message>
    <message>
        <source>No answer came back from SMSC, so it is unknown whether the message was sent. It is never sent again automatically.</source>
        <translation>Ответ от SMSC не пришёл, поэтому неизвестно, отправлено ли сообщение. Автоматически оно повторно не отправляется.</translation>
    </message>
    <message>
        <source>The balance went down by the message&apos;s price (%1 → %2): it was most likely sent.</source>
        <translation>Баланс уменьшился на стоимость сообщения (%1 → %2): скорее всего, оно отправлено.</translation>
    </message>
    <message>
        <source>The balance did not change (%1): it was most likely not sent.</source>
        <translation>Баланс не изменился (%1): скорее всего, сообщение не отправлено.</translation>
    </message>
    <message>
        <source>The balance could not tell; look for the message in the SMSC cabinet&apos;s history before sending it again.</source>
        <translation>По балансу понять не удалось; прежде чем отправлять снова, найдите сообщение в истории в личном кабинете SMSC.</translation>
    </message>
    <message>
        <source>The account&apos;s journal has the details.</source>
        <translation>Подробности — в журнале операций аккаунта.</translation>
    </message>
    <message>
        <source>%1 SMS</source>
        <translation>SMS: %1</translation>
    </message>
</context>
<context>
    <name>demo</name>
    <message>
        <source>Sandbox demo</source>
        <translation>Демо-песочница</translation>
    </message>
    <message>
        <source>Romashka LLC</source>
        <translation>ООО «Ромашка»</translation>
    </message>
    <message>
        <source>Vostok Logistics</source>
        <translation>Восток Логистик</translation>
    </message>
    <message>
        <source>Steppe Trade</source>
        <translation>Степь Трейд</translation>
    </message>
    <message>
        <source>Sandbox demo — low balance</source>
        <translation>Демо-песочница — мало денег</translation>
    </message>
    <message>
        <source>Sandbox demo — IP blocked</source>
        <translation>Демо-песочница — IP заблокирован</translation>
    </message>
    <message>
        <source>Sandbox demo — tenge</source>
        <translation>Демо-песочница — тенге</translation>
    </message>
</context>
<context>
    <name>downloads</name>
    <message>
        <source>Queued</source>
        <translation>В очереди</translation>
    </message>
    <message>
        <source>Resuming</source>
        <translation>Продолжается</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Скачивается</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>На паузе</translation>
    </message>
    <message>
        <source>SMSC limit: next try in %1 s</source>
        <translation>Лимит SMSC: повтор через %1 с</translation>
    </message>
    <message>
        <source>Connection lost: retrying in %1 s</source>
        <translation>Нет соединения: повтор через %1 с</translation>
    </message>
    <message>
        <source>File missing</source>
        <translation>Файл не найден</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменено</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Ошибка: %1</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>неизвестная ошибка</translation>
    </message>
    <message>
        <source>disk full</source>
        <translation>диск заполнен</translation>
    </message>
    <message>
        <source>no permission</source>
        <translation>нет прав доступа</translation>
    </message>
    <message>
        <source>folder not found</source>
        <translation>папка не найдена</translation>
    </message>
    <message>
        <source>cannot write</source>
        <translation>ошибка записи</translation>
    </message>
    <message>
        <source>SMSC error %1</source>
        <translation>ошибка SMSC %1</translation>
    </message>
    <message>
        <source>server sent an error page</source>
        <translation>сервер вернул страницу ошибки</translation>
    </message>
    <message>
        <source>incomplete file</source>
        <translation>неполный файл</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>соединение потеряно</translation>
    </message>
    <message>
        <source>SMSC limit</source>
        <translation>лимит SMSC</translation>
    </message>
    <message>
        <source>internal error</source>
        <translation>внутренняя ошибка</translation>
    </message>
    <message>
        <source>The disk with %1 is full. Free some space, then press Resume: the download continues from where it stopped.</source>
        <translation>Диск, на котором находится %1, заполнен. Освободите место и нажмите «Продолжить»: загрузка продолжится с того места, где остановилась.</translation>
    </message>
    <message>
        <source>This computer does not allow writing into %1. Choose another folder for new downloads, or fix the folder&apos;s permissions and press Resume.</source>
        <translation>Этот компьютер не разрешает запись в %1. Выберите другую папку для новых загрузок или исправьте права доступа к папке и нажмите «Продолжить».</translation>
    </message>
    <message>
        <source>The folder %1 no longer exists (was it deleted, or is the drive disconnected?). Reconnect it and press Resume, or download the job again into another folder.</source>
        <translation>Папка %1 больше не существует (ее удалили или диск отключен?). Подключите ее снова и нажмите «Продолжить» или скачайте задание заново в другую папку.</translation>
    </message>
    <message>
        <source>The file could not be written into %1 (%2). Press Resume to try again.</source>
        <translation>Не удалось записать файл в %1 (%2). Нажмите «Продолжить», чтобы попробовать снова.</translation>
    </message>
    <message>
        <source>The file on disk is not the size SMSC announced, so it was not saved under its name. Press Retry to download it again.</source>
        <translation>Размер файла на диске не совпадает с заявленным SMSC, поэтому файл не сохранен под своим именем. Нажмите «Повторить», чтобы скачать его заново.</translation>
    </message>
    <message>
        <source>SMSC answered with an error page instead of the file (the server or a proxy may have a problem). Nothing was saved as the CSV. Press Retry later.</source>
        <translation>SMSC вернул страницу ошибки вместо файла (возможно, проблема на сервере или в прокси). Как CSV ничего не сохранено. Нажмите «Повторить» позже.</translation>
    </message>
    <message>
        <source>Something went wrong in the program: %1</source>
        <translation>Сбой в программе: %1</translation>
    </message>
    <message>
        <source>SMSC refused to send the file (error %1).</source>
        <translation>SMSC отказался отдать файл (ошибка %1).</translation>
    </message>
    <message>
        <source>The connection to SMSC was lost.</source>
        <translation>Соединение с SMSC потеряно.</translation>
    </message>
    <message>
        <source>The download continues automatically.</source>
        <translation>Загрузка продолжится автоматически.</translation>
    </message>
    <message>
        <source>Press Retry to try again.</source>
        <translation>Нажмите «Повторить», чтобы попробовать снова.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>SMSC accepts only a few identical requests a minute. Try again in %1 s.</source>
        <translation>SMSC принимает лишь несколько одинаковых запросов в минуту. Повторите через %1 с.</translation>
    </message>
    <message>
        <source>Wrong login or password, or this computer&apos;s IP address is not allowed for the account. Check the account settings, or the allowed IP list in the SMSC cabinet.</source>
        <translation>Неверный логин или пароль либо IP-адрес этого компьютера не разрешён для аккаунта. Проверьте настройки аккаунта или список разрешённых IP-адресов в личном кабинете SMSC.</translation>
    </message>
    <message>
        <source>SMSC has temporarily blocked this computer&apos;s IP address after too many erroneous requests. Wait a while before trying again, or contact SMSC support.</source>
        <translation>SMSC временно заблокировал IP-адрес этого компьютера из-за слишком большого числа ошибочных запросов. Подождите, прежде чем повторить попытку, или обратитесь в поддержку SMSC.</translation>
    </message>
    <message>
        <source>SMSC refused the request: too many identical or simultaneous requests. Wait a minute before trying again.</source>
        <translation>SMSC отклонил запрос: слишком много одинаковых или одновременных запросов. Подождите минуту и повторите попытку.</translation>
    </message>
    <message>
        <source>Not enough money on the account. Top up the balance and try again.</source>
        <translation>Недостаточно средств на балансе. Пополните баланс и повторите попытку.</translation>
    </message>
    <message>
        <source>The request was sent but no answer came back, so its result is unknown. The app will check with SMSC instead of repeating it.</source>
        <translation>Запрос отправлен, но ответ не получен, поэтому его результат неизвестен. Приложение уточнит результат у SMSC, а не будет повторять запрос.</translation>
    </message>
    <message>
        <source>SMSC answered with something unexpected (for example an error page). The server may be having problems; try again later.</source>
        <translation>SMSC вернул неожиданный ответ (например, страницу ошибки). Возможно, на сервере неполадки; повторите попытку позже.</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>Что-то пошло не так: %1</translation>
    </message>
    <message>
        <source>SMSC reported an error.</source>
        <translation>SMSC сообщил об ошибке.</translation>
    </message>
    <message>
        <source>A secure connection to the server could not be established (TLS problem). Check the computer&apos;s date and time, and whether a proxy intercepts HTTPS.</source>
        <translation>Не удалось установить защищённое соединение с сервером (проблема TLS). Проверьте дату и время на компьютере, а также не перехватывает ли HTTPS прокси-сервер.</translation>
    </message>
    <message>
        <source>The server name cannot be resolved. Check the server address and the internet connection.</source>
        <translation>Не удаётся определить имя сервера. Проверьте адрес сервера и подключение к интернету.</translation>
    </message>
    <message>
        <source>The server did not answer in time. Check the connection and try again.</source>
        <translation>Сервер не ответил вовремя. Проверьте подключение и повторите попытку.</translation>
    </message>
    <message>
        <source>The file could not be written or read: %1</source>
        <translation>Не удалось записать или прочитать файл: %1</translation>
    </message>
    <message>
        <source>SMSC&apos;s words: “%1”</source>
        <translation>Ответ SMSC: «%1»</translation>
    </message>
    <message>
        <source>SMSC answered error %1, which the app takes to mean that there is not enough money on the account (a guess: SMSC&apos;s documentation gives no meaning for this code here). If that is so, top up the balance and try again.</source>
        <translation>SMSC вернул ошибку %1; приложение понимает её как нехватку денег на счёте (это догадка: документация SMSC не объясняет этот код для данного запроса). Если так, пополните баланс и попробуйте снова.</translation>
    </message>
    <message>
        <source>SMSC answered error %1, which the app takes to mean that what was asked for was not found (a guess: SMSC&apos;s documentation gives no meaning for this code here).</source>
        <translation>SMSC вернул ошибку %1; приложение понимает её так, что запрошенное не найдено (это догадка: документация SMSC не объясняет этот код для данного запроса).</translation>
    </message>
    <message>
        <source>SMSC did not find what was asked for.</source>
        <translation>SMSC не нашёл запрошенное.</translation>
    </message>
    <message>
        <source>SMSC rejected the request as invalid.</source>
        <translation>SMSC отклонил запрос как некорректный.</translation>
    </message>
    <message>
        <source>SMSC reported error %1.</source>
        <translation>SMSC сообщил об ошибке %1.</translation>
    </message>
    <message>
        <source>SMSC refused the request.</source>
        <translation>SMSC отклонил запрос.</translation>
    </message>
    <message>
        <source>The connection dropped during the download. It can be resumed.</source>
        <translation>Соединение прервалось во время загрузки. Загрузку можно продолжить.</translation>
    </message>
    <message>
        <source>The connection broke before the whole answer arrived. Nothing was changed; try again.</source>
        <translation>Соединение оборвалось до того, как пришёл весь ответ. Ничего не изменилось — повторите попытку.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the internet connection and the server address.</source>
        <translation>Сервер недоступен. Проверьте подключение к интернету и адрес сервера.</translation>
    </message>
    <message>
        <source>The disk is full: %1 could not be written. Free some space and try again.</source>
        <translation>Диск заполнен: не удалось записать %1. Освободите место и попробуйте снова.</translation>
    </message>
    <message>
        <source>The disk is full. Free some space and try again.</source>
        <translation>Диск заполнен. Освободите место и попробуйте снова.</translation>
    </message>
    <message>
        <source>The app is not allowed to write or read %1. Check the folder&apos;s permissions, or choose another folder.</source>
        <translation>У приложения нет прав на запись или чтение %1. Проверьте права доступа к папке или выберите другую папку.</translation>
    </message>
    <message>
        <source>The app is not allowed to write or read a file it needs. Check the folder&apos;s permissions.</source>
        <translation>У приложения нет прав на запись или чтение нужного ему файла. Проверьте права доступа к папке.</translation>
    </message>
    <message>
        <source>The file %1 could not be written or read: %2</source>
        <translation>Не удалось записать или прочитать файл %1: %2</translation>
    </message>
    <message>
        <source>SMSC refused the sign-in. Either the login and password (or the API key) are wrong, or this computer&apos;s IP address is not allowed for the account. Check the credentials, and the list of allowed IP addresses in the SMSC cabinet.</source>
        <translation>SMSC отклонил вход. Либо неверны логин и пароль (или API-ключ), либо IP-адрес этого компьютера не разрешён для аккаунта. Проверьте учётные данные и список разрешённых IP-адресов в личном кабинете SMSC.</translation>
    </message>
    <message>
        <source>SMSC has temporarily blocked this computer&apos;s IP address, usually after many wrong passwords or erroneous requests. Wait before trying again, or ask SMSC support to unblock it.</source>
        <translation>SMSC временно заблокировал IP-адрес этого компьютера — обычно так бывает после многократного ввода неверного пароля или ошибочных запросов. Подождите, прежде чем повторить попытку, или попросите поддержку SMSC снять блокировку.</translation>
    </message>
    <message>
        <source>A secure (TLS) connection to the server could not be established. Check the computer&apos;s date and time, and whether a proxy or antivirus intercepts HTTPS.</source>
        <translation>Не удалось установить защищённое (TLS) соединение с сервером. Проверьте дату и время на компьютере, а также не перехватывают ли HTTPS прокси-сервер или антивирус.</translation>
    </message>
    <message>
        <source>A test server on this computer usually speaks plain http://, not https://.</source>
        <translation>Тестовый сервер на этом компьютере обычно работает по простому http://, а не по https://.</translation>
    </message>
    <message>
        <source>The server name could not be found. Check the server address and the internet connection.</source>
        <translation>Имя сервера не найдено. Проверьте адрес сервера и подключение к интернету.</translation>
    </message>
    <message>
        <source>The server did not answer within %1 s. Check the internet connection and the server address, then test again.</source>
        <translation>Сервер не ответил за %1 с. Проверьте подключение к интернету и адрес сервера, затем повторите проверку.</translation>
    </message>
    <message>
        <source>The server did not answer in time. Check the connection and test again.</source>
        <translation>Сервер не ответил вовремя. Проверьте подключение и повторите проверку.</translation>
    </message>
    <message>
        <source>The server cannot be reached: nothing answers at this address. Check the server address, the internet connection, and any firewall or proxy.</source>
        <translation>Сервер недоступен: по этому адресу никто не отвечает. Проверьте адрес сервера, подключение к интернету, а также брандмауэр и прокси-сервер.</translation>
    </message>
    <message>
        <source>The server answered with a web page instead of SMSC data. The address may be wrong, or a proxy or Wi-Fi login page is in the way.</source>
        <translation>Сервер вернул веб-страницу вместо данных SMSC. Возможно, адрес неверен или мешает прокси-сервер либо страница входа в сеть Wi-Fi.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not SMSC data. Check the server address; if it is right, SMSC may be having problems: test again later.</source>
        <translation>Ответ сервера не похож на данные SMSC. Проверьте адрес сервера; если он верен, возможно, у SMSC неполадки — повторите проверку позже.</translation>
    </message>
    <message>
        <source>The connection broke before the server answered. Check the connection and test again.</source>
        <translation>Соединение оборвалось до ответа сервера. Проверьте подключение и повторите проверку.</translation>
    </message>
    <message>
        <source>File error</source>
        <translation>Ошибка файла</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Не удалось</translation>
    </message>
    <message>
        <source>Wrong password or IP not allowed</source>
        <translation>Неверный пароль или IP не разрешён</translation>
    </message>
    <message>
        <source>IP address blocked by SMSC</source>
        <translation>SMSC заблокировал IP-адрес</translation>
    </message>
    <message>
        <source>Too many requests (SMSC error 9)</source>
        <translation>Слишком много запросов (ошибка SMSC 9)</translation>
    </message>
    <message>
        <source>SMSC&apos;s limit: try again shortly</source>
        <translation>Лимит SMSC: повторите чуть позже</translation>
    </message>
    <message>
        <source>Server name not found</source>
        <translation>Имя сервера не найдено</translation>
    </message>
    <message>
        <source>Secure connection failed</source>
        <translation>Ошибка защищённого соединения</translation>
    </message>
    <message>
        <source>No answer in time</source>
        <translation>Нет ответа вовремя</translation>
    </message>
    <message>
        <source>A web page instead of SMSC data</source>
        <translation>Веб-страница вместо данных SMSC</translation>
    </message>
    <message>
        <source>Unexpected answer</source>
        <translation>Непонятный ответ</translation>
    </message>
    <message>
        <source>The connection broke</source>
        <translation>Соединение оборвалось</translation>
    </message>
    <message>
        <source>Server unreachable</source>
        <translation>Сервер недоступен</translation>
    </message>
    <message>
        <source>SMSC error %1</source>
        <translation>Ошибка SMSC %1</translation>
    </message>
    <message>
        <source>SMSC refused the request</source>
        <translation>SMSC отклонил запрос</translation>
    </message>
</context>
<context>
    <name>exports</name>
    <message>
        <source>Exports</source>
        <translation>Выгрузки</translation>
    </message>
    <message>
        <source>&lt;b&gt;Export jobs&lt;/b&gt;</source>
        <translation>&lt;b&gt;Задания на выгрузку&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Export jobs</source>
        <translation>Задания на выгрузку</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Ask SMSC for the job list now</source>
        <translation>Запросить список заданий у SMSC сейчас</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Обновление…</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Обновлено в %1</translation>
    </message>
    <message>
        <source>no job in progress, auto-refresh paused</source>
        <translation>нет выполняющихся заданий, автообновление приостановлено</translation>
    </message>
    <message>
        <source>The list shows what SMSC sent at %1.</source>
        <translation>В списке — данные, полученные от SMSC в %1.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Скачать</translation>
    </message>
    <message>
        <source>Download the files of the selected done jobs</source>
        <translation>Скачать файлы выбранных готовых заданий</translation>
    </message>
    <message>
        <source>Download each job&apos;s file automatically when the job is done</source>
        <translation>Автоматически скачивать файл каждого задания, когда оно готово</translation>
    </message>
    <message>
        <source>Load more jobs</source>
        <translation>Показать ещё задания</translation>
    </message>
    <message>
        <source>Loading the export jobs</source>
        <translation>Загрузка заданий на выгрузку</translation>
    </message>
    <message>
        <source>No export jobs yet. Exports started in your SMSC account appear here.</source>
        <translation>Заданий на выгрузку пока нет. Здесь появятся выгрузки, запущенные в личном кабинете SMSC.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Downloads&lt;/b&gt;</source>
        <translation>&lt;b&gt;Загрузки&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Загрузки</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>Сохранять в:</translation>
    </message>
    <message>
        <source>Choose the folder new downloads are saved into</source>
        <translation>Выбрать папку для новых загрузок</translation>
    </message>
    <message>
        <source>New downloads are saved into %1. Click to choose another folder.</source>
        <translation>Новые загрузки сохраняются в %1. Нажмите, чтобы выбрать другую папку.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Save downloads to</source>
        <translation>Сохранять загрузки в</translation>
    </message>
    <message>
        <source>At once:</source>
        <translation>Одновременно:</translation>
    </message>
    <message>
        <source>How many files download at the same time; the others wait in the queue</source>
        <translation>Сколько файлов скачивается одновременно; остальные ждут в очереди</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Pause; the part kept</source>
        <translation>Приостановить; скачанная часть сохраняется</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <source>Continue from where the download stopped</source>
        <translation>Продолжить загрузку с места остановки</translation>
    </message>
    <message>
        <source>Try a failed or cancelled download again, or retry now</source>
        <translation>Повторить неудавшуюся или отменённую загрузку либо повторить попытку сразу</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Stop and delete the partial file</source>
        <translation>Остановить и удалить недокачанный файл</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Open the file</source>
        <translation>Открыть файл</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Показать в папке</translation>
    </message>
    <message>
        <source>Show the file in its folder</source>
        <translation>Показать файл в папке</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Предпросмотр</translation>
    </message>
    <message>
        <source>Look at the first rows, save a copy for Excel</source>
        <translation>Посмотреть первые строки, сохранить копию для Excel</translation>
    </message>
    <message>
        <source>Insights</source>
        <translation>Аналитика</translation>
    </message>
    <message>
        <source>Charts of volume, cost and delivery from the file</source>
        <translation>Диаграммы объёма, стоимости и доставки по файлу</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Убрать из списка</translation>
    </message>
    <message>
        <source>Take finished downloads off the list; the files stay on disk</source>
        <translation>Убрать завершённые загрузки из списка; файлы остаются на диске</translation>
    </message>
    <message>
        <source>Delete file…</source>
        <translation>Удалить файл…</translation>
    </message>
    <message>
        <source>Delete the downloaded file from disk (asks first)</source>
        <translation>Удалить скачанный файл с диска (с подтверждением)</translation>
    </message>
    <message>
        <source>No downloads yet: select done jobs and press Download.</source>
        <translation>Загрузок пока нет: выберите готовые задания и нажмите «Скачать».</translation>
    </message>
    <message>
        <source>%1 to go</source>
        <translation>осталось %1</translation>
    </message>
    <message>
        <source>The folder %1 cannot be used: %2</source>
        <translation>Папку %1 нельзя использовать: %2</translation>
    </message>
    <message>
        <source>Could not start the download into %1: %2</source>
        <translation>Не удалось начать загрузку в %1: %2</translation>
    </message>
    <message>
        <source>No program could open %1.</source>
        <translation>Не найдена программа, которая может открыть %1.</translation>
    </message>
    <message>
        <source>Could not delete %1: %2</source>
        <translation>Не удалось удалить %1: %2</translation>
    </message>
    <message>
        <source>Delete files</source>
        <translation>Удаление файлов</translation>
    </message>
    <message>
        <source>Delete %1 from disk?</source>
        <translation>Удалить %1 с диска?</translation>
    </message>
    <message>
        <source>The files cannot be restored from this program.</source>
        <translation>Восстановить файлы из этой программы будет нельзя.</translation>
    </message>
    <message>
        <source>%1: downloaded</source>
        <translation>%1: загружен</translation>
    </message>
</context>
<context>
    <name>inbox</name>
    <message>
        <source>Incoming SMS</source>
        <translation>Входящие SMS</translation>
    </message>
    <message>
        <source>All my numbers</source>
        <translation>Все мои номера</translation>
    </message>
    <message>
        <source>%1 (not in My numbers)</source>
        <translation>%1 (нет в «Моих номерах»)</translation>
    </message>
    <message>
        <source>Open an account to see its incoming SMS.</source>
        <translation>Откройте аккаунт, чтобы увидеть его входящие SMS.</translation>
    </message>
    <message>
        <source>SMS sent to the account&apos;s numbers show up here. Rent a number above, or add one rented elsewhere to My numbers.</source>
        <translation>Здесь появляются SMS, отправленные на номера аккаунта. Арендуйте номер выше или добавьте в «Мои номера» номер, арендованный вне программы.</translation>
    </message>
    <message>
        <source>Reading the incoming SMS from SMSC</source>
        <translation>Загружаем входящие SMS из SMSC</translation>
    </message>
    <message>
        <source>No SMS match the filter.</source>
        <translation>Нет SMS, подходящих под фильтр.</translation>
    </message>
    <message>
        <source>No SMS yet. Use “Test this number” to send one.</source>
        <translation>SMS пока нет. Чтобы отправить пробное, нажмите «Проверить номер».</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>Показано %1 из %2</translation>
    </message>
    <message>
        <source>Could not check for new SMS: %1</source>
        <translation>Не удалось проверить новые SMS: %1</translation>
    </message>
    <message>
        <source>checked at %1</source>
        <translation>проверено в %1</translation>
    </message>
    <message>
        <source>checked at %1; paused while another tab is open</source>
        <translation>проверено в %1; проверка приостановлена, пока открыта другая вкладка</translation>
    </message>
    <message>
        <source>Filter by sender or text</source>
        <translation>Фильтр по отправителю или тексту</translation>
    </message>
    <message>
        <source>From %1 to %2, %3</source>
        <translation>От %1 на %2, %3</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Получено</translation>
    </message>
    <message>
        <source>On number</source>
        <translation>На номер</translation>
    </message>
    <message>
        <source>From</source>
        <translation>От кого</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>сообщений</translation>
    </message>
    <message>
        <source>Test %1</source>
        <translation>Проверка %1</translation>
    </message>
    <message>
        <source>Send any SMS to this number now, from any phone. The app watches the incoming SMS and tells you when it arrives and how long it took.</source>
        <translation>Отправьте сейчас любое SMS на этот номер с любого телефона. Программа следит за входящими SMS и покажет, когда оно пришло и сколько времени шло.</translation>
    </message>
    <message>
        <source>Reading the incoming SMS once, to know what is old…</source>
        <translation>Читаем входящие SMS, чтобы отличить старые от новых…</translation>
    </message>
    <message>
        <source>Waiting for an SMS on this number…</source>
        <translation>Ждём SMS на этот номер…</translation>
    </message>
    <message>
        <source>The SMS arrived after %1.</source>
        <translation>SMS пришло через %1.</translation>
    </message>
    <message>
        <source>No SMS arrived within 10 minutes. Check that the sender&apos;s phone sent it, and that the number is still rented in the SMSC cabinet.</source>
        <translation>За 10 минут SMS не пришло. Проверьте, что телефон отправителя его отправил и что номер всё ещё арендован в личном кабинете SMSC.</translation>
    </message>
    <message>
        <source>The test was stopped.</source>
        <translation>Проверка остановлена.</translation>
    </message>
    <message>
        <source>From %1: %2</source>
        <translation>От %1: %2</translation>
    </message>
    <message>
        <source>New SMS to %1 from %2: %3</source>
        <translation>Новое SMS на %1 от %2: %3</translation>
    </message>
    <message>
        <source>Time left to wait for the SMS</source>
        <translation>Сколько ещё ждать SMS</translation>
    </message>
    <message>
        <source>Sandbox only: an SMS from a subscriber lands on one of the demo account&apos;s numbers.</source>
        <translation>Только в песочнице: на один из номеров демо-аккаунта приходит SMS от абонента.</translation>
    </message>
    <message>
        <source>The sandbox will deliver the SMS to %1 in %2 s.</source>
        <translation>Песочница доставит SMS на %1 через %2 с.</translation>
    </message>
    <message>
        <source>The sandbox delivered an SMS to %1.</source>
        <translation>Песочница доставила SMS на %1.</translation>
    </message>
    <message>
        <source>The sandbox did not deliver the SMS: %1</source>
        <translation>Песочница не доставила SMS: %1</translation>
    </message>
    <message>
        <source>Hello! This is a test SMS.</source>
        <translation>Здравствуйте! Это проверочное SMS.</translation>
    </message>
</context>
<context>
    <name>insights</name>
    <message>
        <source>Insights: %1</source>
        <translation>Аналитика: %1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Читается %1…</translation>
    </message>
    <message>
        <source>Reading the file</source>
        <translation>Чтение файла</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <source>Reading was stopped; nothing is shown.</source>
        <translation>Чтение остановлено; показывать нечего.</translation>
    </message>
    <message>
        <source>Read again</source>
        <translation>Прочитать снова</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Файл не удаётся прочитать: %1</translation>
    </message>
    <message>
        <source>date</source>
        <translation>дата</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>телефон</translation>
    </message>
    <message>
        <source>sender</source>
        <translation>отправитель</translation>
    </message>
    <message>
        <source>status</source>
        <translation>статус</translation>
    </message>
    <message>
        <source>error code</source>
        <translation>код ошибки</translation>
    </message>
    <message>
        <source>cost</source>
        <translation>стоимость</translation>
    </message>
    <message>
        <source>SMS parts</source>
        <translation>части SMS</translation>
    </message>
    <message>
        <source>message text</source>
        <translation>текст сообщения</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>оператор</translation>
    </message>
    <message>
        <source>country</source>
        <translation>страна</translation>
    </message>
    <message>
        <source>Not found in this file: %1. The charts that need them are left empty.</source>
        <translation>В этом файле нет столбцов: %1. Диаграммы, которым они нужны, остаются пустыми.</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>строки %1</translation>
    </message>
    <message>
        <source>The rest of the file was read.</source>
        <translation>Остальная часть файла прочитана.</translation>
    </message>
    <message>
        <source>Records without a readable date (left out of the chart over time): %1.</source>
        <translation>Записей без читаемой даты (не вошли в диаграмму по времени): %1.</translation>
    </message>
    <message>
        <source>Messages and cost per hour</source>
        <translation>Сообщения и стоимость по часам</translation>
    </message>
    <message>
        <source>Messages and cost per day</source>
        <translation>Сообщения и стоимость по дням</translation>
    </message>
    <message>
        <source>Messages and cost per month</source>
        <translation>Сообщения и стоимость по месяцам</translation>
    </message>
    <message>
        <source>Messages and cost over time</source>
        <translation>Сообщения и стоимость во времени</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Сообщения</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Стоимость</translation>
    </message>
    <message>
        <source>Delivery status</source>
        <translation>Статусы доставки</translation>
    </message>
    <message>
        <source>Top senders</source>
        <translation>Основные отправители</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>Операторы</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>Страны</translation>
    </message>
    <message>
        <source>Message length in SMS parts</source>
        <translation>Длина сообщений в частях SMS</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <source>This file has no %1 column.</source>
        <translation>В этом файле нет столбца «%1».</translation>
    </message>
    <message>
        <source>Nothing to show.</source>
        <translation>Показывать нечего.</translation>
    </message>
    <message>
        <source>Counted from the text: 160 characters per SMS in Latin (153 per part of a longer one), 70 in Cyrillic (67).</source>
        <translation>Посчитано по тексту: латиницей 160 символов в SMS (153 в части длинного сообщения), кириллицей 70 (67).</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Доставлено</translation>
    </message>
    <message>
        <source>Not final yet</source>
        <translation>Ещё без итога</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>Не доставлено</translation>
    </message>
    <message>
        <source>Unknown status</source>
        <translation>Неизвестный статус</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(пусто)</translation>
    </message>
    <message>
        <source>cost %1</source>
        <translation>стоимость %1</translation>
    </message>
    <message>
        <source>%1 delivered</source>
        <translation>доставлено %1</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Copy the chart as a picture</source>
        <translation>Скопировать диаграмму как картинку</translation>
    </message>
    <message>
        <source>Save PNG…</source>
        <translation>Сохранить PNG…</translation>
    </message>
    <message>
        <source>Save the chart as a PNG picture</source>
        <translation>Сохранить диаграмму как картинку PNG</translation>
    </message>
    <message>
        <source>Save the chart</source>
        <translation>Сохранение диаграммы</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>Картинки PNG (*.png)</translation>
    </message>
    <message>
        <source>The chart was copied as a picture.</source>
        <translation>Диаграмма скопирована как картинка.</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>Сохранено: %1.</translation>
    </message>
    <message>
        <source>that is the export itself, which is never written to</source>
        <translation>это сам файл выгрузки, в него ничего не записывается</translation>
    </message>
    <message>
        <source>the picture could not be written</source>
        <translation>картинку не удалось записать</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>Не удалось сохранить %1: %2</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Доля</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>Average cost of a message</source>
        <translation>Средняя стоимость сообщения</translation>
    </message>
    <message>
        <source>Cost of messages not delivered</source>
        <translation>Стоимость недоставленных сообщений</translation>
    </message>
    <message>
        <source>SMS parts in all</source>
        <translation>Всего частей SMS</translation>
    </message>
    <message>
        <source>Senders</source>
        <translation>Отправителей</translation>
    </message>
    <message>
        <source>Lines that could not be read</source>
        <translation>Нечитаемых строк</translation>
    </message>
    <message>
        <source>Save summary for Excel…</source>
        <translation>Сохранить сводку для Excel…</translation>
    </message>
    <message>
        <source>Save the summary table as a CSV file that Excel opens correctly</source>
        <translation>Сохранить таблицу сводки в CSV, который Excel открывает правильно</translation>
    </message>
    <message>
        <source>Save the summary</source>
        <translation>Сохранение сводки</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>%1 (summary).csv</source>
        <translation>%1 (сводка).csv</translation>
    </message>
    <message>
        <source>Summary of the export</source>
        <translation>Сводка по выгрузке</translation>
    </message>
    <message>
        <source>Open an export file</source>
        <translation>Открыть файл выгрузки</translation>
    </message>
    <message>
        <source>Insights of a file…</source>
        <translation>Аналитика файла…</translation>
    </message>
    <message>
        <source>Charts of volume, cost and delivery from any export CSV on this computer</source>
        <translation>Диаграммы объёма, стоимости и доставки по любому CSV-файлу выгрузки на этом компьютере</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Файлы CSV (*.csv *.txt);;Все файлы (*)</translation>
    </message>
</context>
<context>
    <name>notifications</name>
    <message>
        <source>the account</source>
        <translation>аккаунт</translation>
    </message>
    <message>
        <source>%1 is confirmed</source>
        <translation>Номер %1 подтверждён</translation>
    </message>
    <message>
        <source>The subscriber called after %1 (%2).</source>
        <translation>Абонент позвонил через %1 (%2).</translation>
    </message>
    <message>
        <source>%1 did not call</source>
        <translation>С номера %1 не позвонили</translation>
    </message>
    <message>
        <source>The 15 minutes to call are over (%1). Request a new number.</source>
        <translation>15 минут на звонок истекли (%1). Запросите новый номер.</translation>
    </message>
    <message>
        <source>Download finished</source>
        <translation>Загрузка завершена</translation>
    </message>
    <message>
        <source>%1 is saved (%2).</source>
        <translation>Файл %1 сохранён (%2).</translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation>Загрузка не удалась</translation>
    </message>
    <message>
        <source>%1 was not downloaded: %2 (%3).</source>
        <translation>Файл %1 не загружен: %2 (%3).</translation>
    </message>
    <message>
        <source>%1 new SMS on %2</source>
        <translation>Новых SMS на %2: %1</translation>
    </message>
    <message>
        <source>New SMS on %1</source>
        <translation>Новое SMS на %1</translation>
    </message>
    <message>
        <source>From %1: %2</source>
        <translation>От %1: %2</translation>
    </message>
    <message>
        <source>Low balance on %1</source>
        <translation>Низкий баланс: %1</translation>
    </message>
    <message>
        <source>The balance is %1, under its warning level. Top up to keep numbers renewed.</source>
        <translation>Баланс %1 — ниже порога предупреждения. Пополните его, чтобы номера продлевались.</translation>
    </message>
    <message>
        <source>Renewals not covered on %1</source>
        <translation>Продление не покрыто: %1</translation>
    </message>
    <message>
        <source>The balance is %1; next month&apos;s renewals of its numbers cost %2, charged on the 1st. Top up before then.</source>
        <translation>Баланс %1, а продление номеров на следующий месяц стоит %2 и списывается 1-го числа. Пополните баланс до этого дня.</translation>
    </message>
    <message>
        <source>%1 is probably rented</source>
        <translation>Номер %1, вероятно, арендован</translation>
    </message>
    <message>
        <source>A rent got no answer and the number left the free list (%1). Confirm it in the SMSC cabinet before renting again.</source>
        <translation>Ответа на аренду не было, а номер исчез из списка свободных (%1). Проверьте его в личном кабинете SMSC, прежде чем арендовать снова.</translation>
    </message>
    <message>
        <source>SMSC refused the sign-in to %1</source>
        <translation>SMSC не принял вход в %1</translation>
    </message>
    <message>
        <source>Check the account&apos;s password or API key and the IP addresses it allows. The app does not ask again by itself, so the computer&apos;s address is not blocked.</source>
        <translation>Проверьте пароль или API-ключ аккаунта и разрешённые для него IP-адреса. Сама программа больше не обращается к этому аккаунту, чтобы адрес компьютера не заблокировали.</translation>
    </message>
    <message>
        <source>Renewal change refused</source>
        <translation>Изменение продления отклонено</translation>
    </message>
    <message>
        <source>SMSC did not change the auto-renewal of %1 (%2).</source>
        <translation>SMSC не изменил автопродление номера %1 (%2).</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>диск заполнен</translation>
    </message>
    <message>
        <source>no permission to write in the folder</source>
        <translation>нет прав на запись в папку</translation>
    </message>
    <message>
        <source>the folder is gone</source>
        <translation>папка не найдена</translation>
    </message>
    <message>
        <source>SMSC answered with an error</source>
        <translation>SMSC ответил ошибкой</translation>
    </message>
    <message>
        <source>SMSC sent something else</source>
        <translation>SMSC прислал не файл</translation>
    </message>
    <message>
        <source>the file arrived incomplete</source>
        <translation>файл пришёл не полностью</translation>
    </message>
    <message>
        <source>the connection failed</source>
        <translation>соединение прервалось</translation>
    </message>
    <message>
        <source>see the Exports tab</source>
        <translation>подробности на вкладке «Выгрузки»</translation>
    </message>
    <message>
        <source>A number is confirmed by a call</source>
        <translation>Номер подтверждён звонком</translation>
    </message>
    <message>
        <source>A verification ended without a call</source>
        <translation>Подтверждение закончилось без звонка</translation>
    </message>
    <message>
        <source>An export file is downloaded</source>
        <translation>Файл выгрузки загружен</translation>
    </message>
    <message>
        <source>An export file could not be downloaded</source>
        <translation>Файл выгрузки не удалось загрузить</translation>
    </message>
    <message>
        <source>An SMS arrives on one of my numbers</source>
        <translation>На один из моих номеров пришло SMS</translation>
    </message>
    <message>
        <source>The balance falls under its warning level</source>
        <translation>Баланс опустился ниже порога предупреждения</translation>
    </message>
    <message>
        <source>SMSC refuses a renewal change</source>
        <translation>SMSC отклонил изменение продления</translation>
    </message>
    <message>
        <source>An account&apos;s balance does not cover next month&apos;s renewals</source>
        <translation>Баланс аккаунта не покрывает продление номеров на следующий месяц</translation>
    </message>
    <message>
        <source>A rent got no answer and needs confirming</source>
        <translation>Аренда осталась без ответа и требует проверки</translation>
    </message>
    <message>
        <source>SMSC refuses an account&apos;s sign-in</source>
        <translation>SMSC не принимает вход в аккаунт</translation>
    </message>
    <message>
        <source>The app tells you about these through the system&apos;s notifications when you are not looking: while its window is in the background, or another tab or account is shown.</source>
        <translation>Программа сообщает об этом через системные уведомления, когда вы не смотрите на неё: пока её окно в фоне или открыта другая вкладка или другой аккаунт.</translation>
    </message>
</context>
<context>
    <name>numbers</name>
    <message>
        <source>Virtual number</source>
        <translation>Виртуальный номер</translation>
    </message>
    <message>
        <source>SIM hosting</source>
        <translation>SIM-хостинг</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <source>On offer: %1</source>
        <translation>Доступно: %1</translation>
    </message>
    <message>
        <source>updated at %1</source>
        <translation>обновлено в %1</translation>
    </message>
    <message>
        <source>double-click a number to rent it</source>
        <translation>дважды щелкните номер, чтобы арендовать его</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>Показано %1 из %2</translation>
    </message>
    <message>
        <source>Loading the free numbers from SMSC</source>
        <translation>Загрузка свободных номеров из SMSC</translation>
    </message>
    <message>
        <source>No list yet. Press Refresh when the problem above is solved.</source>
        <translation>Списка пока нет. Нажмите «Обновить», когда проблема выше будет решена.</translation>
    </message>
    <message>
        <source>Open an account to see the free numbers.</source>
        <translation>Откройте аккаунт, чтобы увидеть свободные номера.</translation>
    </message>
    <message>
        <source>SMSC offers no free numbers right now.</source>
        <translation>Сейчас у SMSC нет свободных номеров.</translation>
    </message>
    <message>
        <source>No numbers match the filters. Loosen them or press Clear filters.</source>
        <translation>Нет номеров, подходящих под фильтры. Ослабьте их или нажмите «Сбросить фильтры».</translation>
    </message>
    <message>
        <source>The list of free numbers could not be loaded. %1</source>
        <translation>Не удалось загрузить список свободных номеров. %1</translation>
    </message>
    <message>
        <source>The table still shows the list loaded at %1.</source>
        <translation>В таблице по-прежнему список, загруженный в %1.</translation>
    </message>
    <message>
        <source>Records in SMSC&apos;s answer that could not be read: %1. They are not shown; the rest of the list is complete.</source>
        <translation>Нечитаемых записей в ответе SMSC: %1. Они не показаны; остальная часть списка полная.</translation>
    </message>
    <message>
        <source>SMSC offers %1 as free again, so the rental has ended. It is marked so in My numbers.</source>
        <translation>SMSC снова предлагает %1 как свободный, значит, аренда закончилась. Это отмечено в «Моих номерах».</translation>
    </message>
    <message>
        <source>Renting %1…</source>
        <translation>Аренда %1…</translation>
    </message>
    <message>
        <source>Auto-renewal is on: %1 a month from %2.</source>
        <translation>Автопродление включено: %1 в месяц с %2.</translation>
    </message>
    <message>
        <source>Auto-renewal is off: the number is released at the month&apos;s end.</source>
        <translation>Автопродление выключено: номер освободится в конце месяца.</translation>
    </message>
    <message>
        <source>Rented %1 for %2. %3 It is now in My numbers.</source>
        <translation>Номер %1 арендован за %2. %3 Теперь он в «Моих номерах».</translation>
    </message>
    <message>
        <source>SMSC reports this charge; the confirmation showed %1.</source>
        <translation>Эту сумму сообщил SMSC; в подтверждении было указано %1.</translation>
    </message>
    <message>
        <source>SMSC did not rent %1. %2 Nothing was charged.</source>
        <translation>SMSC отказал в аренде %1. %2 Ничего не списано.</translation>
    </message>
    <message>
        <source>SMSC allows 2 list requests a minute: in %1.</source>
        <translation>SMSC принимает не больше 2 запросов списка в минуту: через %1.</translation>
    </message>
    <message>
        <source>A new day may have begun for SMSC since the list was loaded (its documentation does not say in which time zone, so the app watches midnight in Moscow, Kyiv, Almaty and UTC), and the price for the rest of the month changes with the day. Asking SMSC for today&apos;s price before you confirm…</source>
        <translation>С момента загрузки списка у SMSC могли наступить новые сутки (в документации не сказано, по какому часовому поясу, поэтому приложение следит за полуночью в Москве, Киеве, Алматы и по UTC), а цена за остаток месяца меняется каждый день. Запрашиваем у SMSC сегодняшнюю цену, прежде чем вы подтвердите аренду…</translation>
    </message>
    <message>
        <source>Nothing was sent: a new day may have begun for SMSC since the list was loaded, and today&apos;s price of %1 could not be loaded. %2</source>
        <translation>Ничего не отправлено: с момента загрузки списка у SMSC могли наступить новые сутки, а сегодняшнюю цену номера %1 загрузить не удалось. %2</translation>
    </message>
    <message>
        <source>Nothing was sent: SMSC&apos;s list, loaded again for today&apos;s price, no longer offers %1.</source>
        <translation>Ничего не отправлено: в списке SMSC, загруженном заново ради сегодняшней цены, номера %1 больше нет.</translation>
    </message>
    <message>
        <source>Another rent is in progress. Wait for its result before renting again.</source>
        <translation>Уже выполняется другая аренда. Дождитесь ее результата, прежде чем арендовать снова.</translation>
    </message>
    <message>
        <source>%1 is already in My numbers, so it is not rented again.</source>
        <translation>%1 уже есть в «Моих номерах», поэтому повторно не арендуется.</translation>
    </message>
    <message>
        <source>Not sent: SMSC accepts 2 rent requests for the same number a minute. Try again in %1.</source>
        <translation>Не отправлено: SMSC принимает 2 запроса на аренду одного номера в минуту. Повторите через %1.</translation>
    </message>
    <message>
        <source>The rent was not sent: the journal file could not be written (%1). Every payment is recorded before it is made; free some disk space or check the folder&apos;s permissions, then try again.</source>
        <translation>Запрос на аренду не отправлен: не удалось записать файл журнала (%1). Каждый платеж записывается до того, как он совершен; освободите место на диске или проверьте права доступа к папке и повторите попытку.</translation>
    </message>
    <message>
        <source>The rent of %1 was not sent, so nothing was charged. %2</source>
        <translation>Запрос на аренду %1 не отправлен, поэтому ничего не списано. %2</translation>
    </message>
    <message>
        <source>Result unknown: the request to rent %1 was sent, but no readable answer came back. It will not be sent again. Checking SMSC&apos;s list of free numbers to find out whether it was rented…</source>
        <translation>Результат неизвестен: запрос на аренду %1 отправлен, но понятного ответа не пришло. Повторно он отправлен не будет. Проверяем список свободных номеров SMSC, чтобы узнать, арендован ли номер…</translation>
    </message>
    <message>
        <source>SMSC allows 2 list requests a minute: checking in %1.</source>
        <translation>SMSC разрешает 2 запроса списка в минуту: проверка через %1.</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Проверить снова</translation>
    </message>
    <message>
        <source>The balance was %1 before and is %2 now.</source>
        <translation>Баланс был %1, сейчас %2.</translation>
    </message>
    <message>
        <source>The answer to the rent of %1 was lost, but the number is no longer on SMSC&apos;s list of free numbers: it was most likely rented by this account.%2 It is in My numbers as “probably rented”; SMSC&apos;s API cannot list rented numbers, so confirm it under Receiving numbers in the SMSC cabinet.</source>
        <translation>Ответ на аренду %1 потерян, но номера больше нет в списке свободных номеров SMSC: скорее всего, его арендовал этот аккаунт.%2 Номер добавлен в «Мои номера» как «вероятно, арендован»; API SMSC не выдает список арендованных номеров, поэтому проверьте его в разделе «Номера для приема» личного кабинета SMSC.</translation>
    </message>
    <message>
        <source>The answer to the rent of %1 was lost, but SMSC still lists the number as free: it was not rented and nothing was charged. You can rent it again.</source>
        <translation>Ответ на аренду %1 потерян, но SMSC по-прежнему показывает номер как свободный: он не арендован, и ничего не списано. Его можно арендовать снова.</translation>
    </message>
    <message>
        <source>The result of renting %1 is still unknown: SMSC&apos;s list of free numbers could not be loaded to check it. The number is marked “result unknown” in My numbers and will not be rented again automatically. Choose Check again later, or look in the SMSC cabinet.</source>
        <translation>Результат аренды %1 все еще неизвестен: не удалось загрузить список свободных номеров SMSC для проверки. В «Моих номерах» номер отмечен как «результат неизвестен» и не будет автоматически арендован повторно. Позже нажмите «Проверить снова» или посмотрите в личном кабинете SMSC.</translation>
    </message>
    <message>
        <source>No numbers yet. Numbers rented here appear in this list with their auto-renewal switch; add the ones rented in the SMSC cabinet with “Add a number rented elsewhere”.</source>
        <translation>Номеров пока нет. Номера, арендованные здесь, появляются в этом списке с переключателем автопродления; номера, арендованные в личном кабинете SMSC, добавьте кнопкой «Добавить номер, арендованный вне программы».</translation>
    </message>
    <message>
        <source>No number renews next month, so nothing will be charged for renewals.</source>
        <translation>Ни один номер не продлевается на следующий месяц, поэтому за продление ничего не спишется.</translation>
    </message>
    <message>
        <source>Monthly commitment: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Ежемесячные расходы: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>renewing: %1</source>
        <translation>продлеваются: %1</translation>
    </message>
    <message>
        <source>price unknown: %1</source>
        <translation>цена неизвестна: %1</translation>
    </message>
    <message>
        <source>balance not known yet</source>
        <translation>баланс пока неизвестен</translation>
    </message>
    <message>
        <source>the balance covers next month</source>
        <translation>баланса хватит на следующий месяц</translation>
    </message>
    <message>
        <source>the balance is %1 short for next month: top up before the 1st</source>
        <translation>на следующий месяц не хватает %1: пополните баланс до 1-го числа</translation>
    </message>
    <message>
        <source>Auto-renewal of %1 is now on.</source>
        <translation>Автопродление %1 включено.</translation>
    </message>
    <message>
        <source>Auto-renewal of %1 is now off: it is released at the month&apos;s end.</source>
        <translation>Автопродление %1 выключено: номер освободится в конце месяца.</translation>
    </message>
    <message>
        <source>SMSC refused to switch auto-renewal on for %1. %2 The switch is back as it was.</source>
        <translation>SMSC отказался включить автопродление %1. %2 Переключатель возвращен в прежнее положение.</translation>
    </message>
    <message>
        <source>SMSC refused to switch auto-renewal off for %1. %2 The switch is back as it was.</source>
        <translation>SMSC отказался выключить автопродление %1. %2 Переключатель возвращен в прежнее положение.</translation>
    </message>
    <message>
        <source>No answer from SMSC about auto-renewal of %1, so it may or may not have changed. It is marked unconfirmed; switch it again to be sure.</source>
        <translation>SMSC не ответил на изменение автопродления %1, поэтому неизвестно, изменилось ли оно. Оно отмечено как неподтвержденное; переключите его еще раз, чтобы знать наверняка.</translation>
    </message>
    <message>
        <source>Not sent: SMSC accepts 2 renewal changes for the same number a minute. Try again in %1.</source>
        <translation>Не отправлено: SMSC принимает 2 изменения продления одного номера в минуту. Повторите через %1.</translation>
    </message>
    <message>
        <source>The journal file could not be written.</source>
        <translation>Не удалось записать файл журнала.</translation>
    </message>
    <message>
        <source>The renewal change for %1 was not sent. %2</source>
        <translation>Изменение продления %1 не отправлено. %2</translation>
    </message>
    <message>
        <source>%1 was removed from My numbers. Nothing was sent to SMSC: if it is still rented, it keeps renewing as set in the SMSC cabinet.</source>
        <translation>%1 удален из «Моих номеров». В SMSC ничего не отправлено: если номер еще арендован, он продолжит продлеваться согласно настройке в личном кабинете SMSC.</translation>
    </message>
    <message>
        <source>%1 is already in My numbers.</source>
        <translation>%1 уже есть в «Моих номерах».</translation>
    </message>
    <message>
        <source>Every rent and renewal change is recorded here, with its outcome.</source>
        <translation>Здесь записывается каждая аренда и каждое изменение продления вместе с результатом.</translation>
    </message>
    <message>
        <source>Journal file: %1</source>
        <translation>Файл журнала: %1</translation>
    </message>
    <message>
        <source>The saved list of My numbers could not be read and was set aside next to it (%1). My numbers starts empty; the journal is unaffected.</source>
        <translation>Не удалось прочитать сохраненный список «Мои номера»; файл отложен рядом (%1). Список «Мои номера» начат с нуля, журнал операций не затронут.</translation>
    </message>
    <message>
        <source>A file in the app&apos;s data folder could not be written (%1). The last action was carried out, but its record may be incomplete; free some disk space or check the folder&apos;s permissions.</source>
        <translation>Не удалось записать файл в папке данных программы (%1). Последнее действие выполнено, но запись о нем может быть неполной; освободите место на диске или проверьте права доступа к папке.</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>В месяц</translation>
    </message>
    <message>
        <source>Now (rest of month)</source>
        <translation>Сейчас (за остаток месяца)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Аккаунт</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <source>numbers</source>
        <translation>номеров</translation>
    </message>
    <message>
        <source>entries</source>
        <translation>записей</translation>
    </message>
    <message>
        <source>Export to CSV</source>
        <translation>Выгрузка в CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>The file %1 could not be written: %2. Choose another folder.</source>
        <translation>Не удалось записать файл %1: %2. Выберите другую папку.</translation>
    </message>
    <message>
        <source>Saved %1 %2 to %3 (for Excel: UTF-8, columns separated by ;).</source>
        <translation>Сохранено в %3, %2: %1 (для Excel: UTF-8, разделитель столбцов — «;»).</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Открыть папку</translation>
    </message>
</context>
<context>
    <name>overview</name>
    <message>
        <source>Overview</source>
        <translation>Обзор</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Аккаунт</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Баланс</translation>
    </message>
    <message>
        <source>Warn below</source>
        <translation>Порог</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Требует внимания</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Последняя ошибка</translation>
    </message>
    <message>
        <source>Refreshed</source>
        <translation>Обновлено</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Номера</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>В месяц</translation>
    </message>
    <message>
        <source>Renewals ≤ 7 days</source>
        <translation>Продление ≤ 7 дней</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>След. месяц</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>Проверки</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Загрузки</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Accounts overview</source>
        <translation>Обзор аккаунтов</translation>
    </message>
    <message>
        <source>Read from SMSC at %1.</source>
        <translation>Получен от SMSC в %1.</translation>
    </message>
    <message>
        <source>Not read from SMSC yet: refresh the overview.</source>
        <translation>Ещё не получен от SMSC: обновите обзор.</translation>
    </message>
    <message>
        <source>Warning below %1.</source>
        <translation>Предупреждение ниже %1.</translation>
    </message>
    <message>
        <source>No low-balance warning is set (File → Accounts…).</source>
        <translation>Порог низкого баланса не задан (Файл → Аккаунты…).</translation>
    </message>
    <message>
        <source>My numbers of this account could not be read: open its Numbers tab.</source>
        <translation>Не удалось прочитать «Мои номера» этого аккаунта: откройте его вкладку «Номера».</translation>
    </message>
    <message>
        <source>From the app&apos;s records (My numbers).</source>
        <translation>По записям приложения («Мои номера»).</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>Хватает</translation>
    </message>
    <message>
        <source>Short by %1</source>
        <translation>Не хватает %1</translation>
    </message>
    <message>
        <source>Next month&apos;s renewals cost %1, charged on %2.</source>
        <translation>Продление на следующий месяц стоит %1, списание %2.</translation>
    </message>
    <message>
        <source>Asking SMSC…</source>
        <translation>Запрос к SMSC…</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>В очереди</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Никогда</translation>
    </message>
    <message>
        <source>SMSC&apos;s limit: %1</source>
        <translation>Лимит SMSC: %1</translation>
    </message>
    <message>
        <source>SMSC answers 10 balance requests a minute per account; this one was not asked again yet. The figures are the last ones known.</source>
        <translation>SMSC отвечает на 10 запросов баланса в минуту для каждого аккаунта; этот аккаунт пока не запрашивался повторно. Показаны последние известные данные.</translation>
    </message>
    <message>
        <source>yesterday %1</source>
        <translation>вчера %1</translation>
    </message>
    <message>
        <source>This account has not been asked yet.</source>
        <translation>Этот аккаунт ещё не запрашивался.</translation>
    </message>
    <message>
        <source>Last asked at %1.</source>
        <translation>Последний запрос: %1.</translation>
    </message>
    <message>
        <source>No password saved</source>
        <translation>Пароль не сохранён</translation>
    </message>
    <message>
        <source>No password or API key is saved for this account. Open it (double-click) to enter one.</source>
        <translation>Для этого аккаунта не сохранены пароль или API-ключ. Откройте его (двойной щелчок), чтобы ввести.</translation>
    </message>
    <message>
        <source>Password not available</source>
        <translation>Пароль недоступен</translation>
    </message>
    <message>
        <source>The system keyring is locked or not available, so the password of this account could not be read. Open the account (double-click) to enter it for this session.</source>
        <translation>Системное хранилище паролей заблокировано или недоступно, поэтому пароль этого аккаунта прочитать не удалось. Откройте аккаунт (двойной щелчок) и введите пароль на этот сеанс.</translation>
    </message>
    <message>
        <source>Sandbox not running</source>
        <translation>Песочница не запущена</translation>
    </message>
    <message>
        <source>The built-in SMSC sandbox of this demo account did not start.</source>
        <translation>Встроенная песочница SMSC для этого демо-аккаунта не запустилась.</translation>
    </message>
    <message>
        <source>Check the account settings</source>
        <translation>Проверьте настройки аккаунта</translation>
    </message>
    <message>
        <source>The server address or the login of this account cannot be used. Fix it in File → Accounts….</source>
        <translation>Адрес сервера или логин этого аккаунта непригодны. Исправьте их в меню Файл → Аккаунты….</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Не удалось</translation>
    </message>
    <message>
        <source>The balance could not be read because of an internal error.</source>
        <translation>Баланс не удалось получить из-за внутренней ошибки.</translation>
    </message>
    <message>
        <source>Not asked: the server did not answer for another account in this refresh.</source>
        <translation>Не запрашивался: при этом обновлении сервер не ответил для другого аккаунта.</translation>
    </message>
    <message>
        <source>Balance below the warning level of %1</source>
        <translation>Баланс ниже порога %1</translation>
    </message>
    <message>
        <source>Balance %1 short of next month&apos;s renewals</source>
        <translation>На продление в следующем месяце не хватает %1</translation>
    </message>
    <message>
        <source>SMSC blocked this computer&apos;s IP address</source>
        <translation>SMSC заблокировал IP-адрес этого компьютера</translation>
    </message>
    <message>
        <source>Sign-in refused: check the password and allowed IPs</source>
        <translation>Вход отклонён: проверьте пароль и разрешённые IP</translation>
    </message>
    <message>
        <source>Renewal change refused for %1</source>
        <translation>Отказ в изменении продления для %1</translation>
    </message>
    <message>
        <source>%1 probably rented: confirm it in the SMSC cabinet</source>
        <translation>%1, вероятно, арендован: подтвердите в личном кабинете SMSC</translation>
    </message>
    <message>
        <source>Refresh all</source>
        <translation>Обновить все</translation>
    </message>
    <message>
        <source>Ask SMSC for every account&apos;s balance (F5), a few accounts at a time and within SMSC&apos;s limits</source>
        <translation>Запросить у SMSC баланс всех аккаунтов (F5) — по нескольку аккаунтов за раз и в пределах лимитов SMSC</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <source>Ask no more accounts in this refresh</source>
        <translation>Больше не запрашивать аккаунты в этом обновлении</translation>
    </message>
    <message>
        <source>Refresh automatically:</source>
        <translation>Автообновление:</translation>
    </message>
    <message>
        <source>off</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Automatic refreshes leave out accounts whose sign-in was refused, so a wrong password is not sent again and again (SMSC blocks the IP address after many). Refresh all asks them too.</source>
        <translation>Автоматическое обновление пропускает аккаунты, где вход был отклонён, чтобы неверный пароль не отправлялся снова и снова (после многих попыток SMSC блокирует IP-адрес). «Обновить все» запрашивает и их.</translation>
    </message>
    <message>
        <source>Filter: name, client, server, login (Ctrl+F)</source>
        <translation>Название, клиент, сервер, логин (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter accounts</source>
        <translation>Фильтр аккаунтов</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Показать:</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Все аккаунты</translation>
    </message>
    <message>
        <source>Needing attention</source>
        <translation>Требующие внимания</translation>
    </message>
    <message>
        <source>Refresh failed</source>
        <translation>С ошибкой обновления</translation>
    </message>
    <message>
        <source>Live servers</source>
        <translation>Рабочие серверы</translation>
    </message>
    <message>
        <source>Which accounts to show</source>
        <translation>Какие аккаунты показывать</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Экспорт в CSV…</translation>
    </message>
    <message>
        <source>Save the accounts as shown to a CSV file for Excel</source>
        <translation>Сохранить показанные аккаунты в CSV-файл для Excel</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>Итого: %1</translation>
    </message>
    <message>
        <source>Refreshing… %1 of %2 accounts</source>
        <translation>Обновление… %1 из %2</translation>
    </message>
    <message>
        <source>Stopped after %1 of %2 accounts</source>
        <translation>Остановлено: обновлено %1 из %2</translation>
    </message>
    <message>
        <source>Refreshed %1 of %2 accounts in %3 s</source>
        <translation>Обновлено %1 из %2 за %3 с</translation>
    </message>
    <message>
        <source>Figures from %1</source>
        <translation>Данные на %1</translation>
    </message>
    <message>
        <source>No accounts yet. Add your clients&apos; SMSC accounts with File → Accounts… (Ctrl+Shift+A); each one appears here with its balance and what needs attention.</source>
        <translation>Аккаунтов пока нет. Добавьте аккаунты SMSC своих клиентов через меню Файл → Аккаунты… (Ctrl+Shift+A) — каждый появится здесь с балансом и тем, что требует внимания.</translation>
    </message>
    <message>
        <source>No account matches the filter.</source>
        <translation>Нет аккаунтов, подходящих под фильтр.</translation>
    </message>
    <message>
        <source>Open account</source>
        <translation>Открыть аккаунт</translation>
    </message>
    <message>
        <source>Open its Numbers</source>
        <translation>Открыть его «Номера»</translation>
    </message>
    <message>
        <source>Open its Verification</source>
        <translation>Открыть его «Подтверждение»</translation>
    </message>
    <message>
        <source>Open its Exports</source>
        <translation>Открыть его «Выгрузки»</translation>
    </message>
    <message>
        <source>Refresh this account</source>
        <translation>Обновить этот аккаунт</translation>
    </message>
    <message>
        <source>Edit account…</source>
        <translation>Изменить аккаунт…</translation>
    </message>
    <message>
        <source>Double-click or Enter opens the account; Shift+F10 shows more.</source>
        <translation>Двойной щелчок или Enter открывает аккаунт; Shift+F10 показывает другие действия.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Адрес сервера</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <source>Warning level</source>
        <translation>Порог предупреждения</translation>
    </message>
    <message>
        <source>Numbers rented</source>
        <translation>Арендовано номеров</translation>
    </message>
    <message>
        <source>Renewing next month</source>
        <translation>Продлеваются в следующем месяце</translation>
    </message>
    <message>
        <source>Next renewal</source>
        <translation>Следующее продление</translation>
    </message>
    <message>
        <source>Balance covers next month</source>
        <translation>Баланса хватает на следующий месяц</translation>
    </message>
    <message>
        <source>Short by</source>
        <translation>Не хватает</translation>
    </message>
    <message>
        <source>Verifications in progress</source>
        <translation>Проверок в процессе</translation>
    </message>
    <message>
        <source>Downloads in the queue</source>
        <translation>Загрузок в очереди</translation>
    </message>
    <message>
        <source>Downloads failed</source>
        <translation>Загрузок с ошибкой</translation>
    </message>
    <message>
        <source>Attention items</source>
        <translation>Пунктов, требующих внимания</translation>
    </message>
    <message>
        <source>Balance read at</source>
        <translation>Баланс получен</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>The file %1 could not be written: %2. Choose another folder.</source>
        <translation>Не удалось записать файл %1: %2. Выберите другую папку.</translation>
    </message>
    <message>
        <source>Saved %1 accounts to %2 (for Excel: UTF-8, columns separated by ;).</source>
        <translation>Аккаунтов сохранено: %1, файл %2 (для Excel: UTF-8, столбцы разделены «;»).</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Открыть папку</translation>
    </message>
</context>
<context>
    <name>units</name>
    <message>
        <source>B</source>
        <translation>Б</translation>
    </message>
    <message>
        <source>KB</source>
        <translation>КБ</translation>
    </message>
    <message>
        <source>MB</source>
        <translation>МБ</translation>
    </message>
    <message>
        <source>GB</source>
        <translation>ГБ</translation>
    </message>
    <message>
        <source>TB</source>
        <translation>ТБ</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/с</translation>
    </message>
</context>
<context>
    <name>verification</name>
    <message>
        <source>Enter the subscriber&apos;s phone number.</source>
        <translation>Введите номер телефона абонента.</translation>
    </message>
    <message>
        <source>A phone number may contain only digits, spaces, brackets, dashes and one leading +.</source>
        <translation>Номер телефона может содержать только цифры, пробелы, скобки, дефисы и один знак + в начале.</translation>
    </message>
    <message>
        <source>Too short for a phone number. Enter it with the country code, e.g. +7 916 123-45-67.</source>
        <translation>Слишком короткий номер. Введите его с кодом страны, например +7 916 123-45-67.</translation>
    </message>
    <message>
        <source>Too long: international numbers have at most 15 digits.</source>
        <translation>Слишком длинный номер: в международном формате не больше 15 цифр.</translation>
    </message>
    <message>
        <source>Numbers of Russia and Kazakhstan (+7) have 11 digits: +7 and 10 more.</source>
        <translation>Номера России и Казахстана (+7) состоят из 11 цифр: +7 и ещё 10.</translation>
    </message>
    <message>
        <source>The country code is missing. For Russia add 7 in front (79161234567); for other countries type + and the country code.</source>
        <translation>Не указан код страны. Для России добавьте 7 в начало (79161234567), для других стран введите + и код страны.</translation>
    </message>
    <message>
        <source>Requesting…</source>
        <translation>Запрос…</translation>
    </message>
    <message>
        <source>Waiting for the call</source>
        <translation>Ожидание звонка</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Подтверждено</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Время истекло</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменена</translation>
    </message>
    <message>
        <source>SMSC answered with something unexpected (for example an error page), so it is unknown whether a number was assigned. Request a new number.</source>
        <translation>SMSC вернул неожиданный ответ (например, страницу ошибки), поэтому неизвестно, был ли выделен номер. Запросите новый номер.</translation>
    </message>
    <message>
        <source>No answer came back from SMSC, so it is unknown whether a number was assigned. Request a new number.</source>
        <translation>Ответ от SMSC не получен, поэтому неизвестно, был ли выделен номер. Запросите новый номер.</translation>
    </message>
    <message>
        <source>The app was closed or the account switched before SMSC answered.</source>
        <translation>Приложение было закрыто или аккаунт переключён до ответа SMSC.</translation>
    </message>
    <message>
        <source>Wrong login or password, or this computer&apos;s IP address is not allowed for the account.</source>
        <translation>Неверный логин или пароль либо IP-адрес этого компьютера не разрешён для аккаунта.</translation>
    </message>
    <message>
        <source>SMSC has temporarily blocked this computer&apos;s IP address.</source>
        <translation>SMSC временно заблокировал IP-адрес этого компьютера.</translation>
    </message>
    <message>
        <source>SMSC refused: too many identical requests in a minute.</source>
        <translation>SMSC отклонил запрос: слишком много одинаковых запросов за минуту.</translation>
    </message>
    <message>
        <source>Not sent: SMSC accepts 50 requests a minute for one number.</source>
        <translation>Не отправлено: SMSC принимает не больше 50 запросов в минуту на один номер.</translation>
    </message>
    <message>
        <source>SMSC&apos;s answer could not be read; a number may have been assigned. Request again.</source>
        <translation>Не удалось разобрать ответ SMSC; номер мог быть выделен. Запросите снова.</translation>
    </message>
    <message>
        <source>No answer came back from SMSC. Request again.</source>
        <translation>Ответ от SMSC не получен. Запросите снова.</translation>
    </message>
    <message>
        <source>SMSC did not answer in time. Request again.</source>
        <translation>SMSC не ответил вовремя. Запросите снова.</translation>
    </message>
    <message>
        <source>SMSC could not be reached. Check the connection and request again.</source>
        <translation>Не удалось связаться с SMSC. Проверьте подключение и запросите снова.</translation>
    </message>
    <message>
        <source>SMSC error %1: %2</source>
        <translation>Ошибка SMSC %1: %2</translation>
    </message>
    <message>
        <source>Waiting · checking for a last-second call</source>
        <translation>Ожидание · проверка звонка в последнюю секунду</translation>
    </message>
    <message>
        <source>Waiting · %1 left</source>
        <translation>Ожидание · осталось %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Ошибка: %1</translation>
    </message>
    <message>
        <source>Expired: no call within 15 minutes</source>
        <translation>Время истекло: звонка не было в течение 15 минут</translation>
    </message>
    <message>
        <source>Delivery status</source>
        <translation>Статус доставки</translation>
    </message>
    <message>
        <source>Incoming SMS</source>
        <translation>Входящее SMS</translation>
    </message>
    <message>
        <source>Call verification</source>
        <translation>Подтверждение звонком</translation>
    </message>
    <message>
        <source>no mes or waitcall field, so a delivery status</source>
        <translation>нет полей mes и waitcall, значит это статус доставки</translation>
    </message>
    <message>
        <source>it has a mes field</source>
        <translation>есть поле mes</translation>
    </message>
    <message>
        <source>it has a waitcall field</source>
        <translation>есть поле waitcall</translation>
    </message>
    <message>
        <source>Form fields (default)</source>
        <translation>Поля формы (по умолчанию)</translation>
    </message>
    <message>
        <source>XML (fmt=2)</source>
        <translation>XML (fmt=2)</translation>
    </message>
    <message>
        <source>JSON (fmt=3)</source>
        <translation>JSON (fmt=3)</translation>
    </message>
    <message>
        <source>form body</source>
        <translation>тело формы</translation>
    </message>
    <message>
        <source>query string</source>
        <translation>строка запроса</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>XML</source>
        <translation>XML</translation>
    </message>
    <message>
        <source>name = value lines</source>
        <translation>строки вида имя = значение</translation>
    </message>
    <message>
        <source>HTTP request</source>
        <translation>HTTP-запрос</translation>
    </message>
    <message>
        <source>windows-1251 (default)</source>
        <translation>windows-1251 (по умолчанию)</translation>
    </message>
    <message>
        <source>documented by SMSC</source>
        <translation>описано в документации SMSC</translation>
    </message>
    <message>
        <source>SMSC&apos;s documentation states this string for delivery statuses.</source>
        <translation>Эта строка для статусов доставки указана в документации SMSC.</translation>
    </message>
    <message>
        <source>Enter the secret that is written in the handler URL.</source>
        <translation>Введите секретную строку, указанную в адресе обработчика.</translation>
    </message>
    <message>
        <source>The secret is too long (at most 64 characters).</source>
        <translation>Секретная строка слишком длинная (не более 64 символов).</translation>
    </message>
    <message>
        <source>The secret may contain only Latin letters, digits, - and _; remove: %1</source>
        <translation>Секретная строка может содержать только латинские буквы, цифры, - и _; удалите: %1</translation>
    </message>
    <message>
        <source>Enter the address of the client&apos;s handler script.</source>
        <translation>Введите адрес скрипта-обработчика клиента.</translation>
    </message>
    <message>
        <source>The handler address must start with https:// (or http://).</source>
        <translation>Адрес обработчика должен начинаться с https:// (или http://).</translation>
    </message>
    <message>
        <source>The handler address has no host name.</source>
        <translation>В адресе обработчика нет имени хоста.</translation>
    </message>
    <message>
        <source>Enter the script address without ?, ! or #; add parameters in the lists below (or paste the whole URL to take it apart).</source>
        <translation>Введите адрес скрипта без ?, ! и #; параметры добавьте в списки ниже (или вставьте URL целиком, чтобы разобрать его).</translation>
    </message>
    <message>
        <source>SMSC answered error 3, which the app takes to mean that there is not enough money on the account (a guess: the documentation gives no meaning for it here).</source>
        <translation>SMSC вернул ошибку 3; приложение понимает её как нехватку денег на счёте (это догадка: документация не объясняет этот код для данного запроса).</translation>
    </message>
    <message>
        <source>the app&apos;s guess: the documentation available to the app gives only the delivery-status string; this one comes from one third-party integration</source>
        <translation>догадка приложения: в доступной приложению документации есть только строка для статусов доставки; эта взята из одной сторонней интеграции</translation>
    </message>
    <message>
        <source>the app&apos;s guess: the documentation available to the app gives only the delivery-status string; this is one of the candidates tried</source>
        <translation>догадка приложения: в доступной приложению документации есть только строка для статусов доставки; это один из проверенных вариантов</translation>
    </message>
    <message>
        <source>A guess: the documentation available to the app gives only the delivery-status string. phone:ts:&lt;secret&gt; comes from one third-party integration; only a real callback from SMSC can confirm it.</source>
        <translation>Догадка: в доступной приложению документации есть только строка для статусов доставки. phone:ts:&lt;secret&gt; взята из одной сторонней интеграции; подтвердить её может только настоящий запрос от SMSC.</translation>
    </message>
    <message>
        <source>A guess: the documentation available to the app gives only the delivery-status string. The app signs incoming SMS with id:phone:mes:&lt;secret&gt;; the checker tries id:phone:mes, phone:mes:to and id:phone and says which one matches. Only a real callback from SMSC can confirm it.</source>
        <translation>Догадка: в доступной приложению документации есть только строка для статусов доставки. Приложение подписывает входящие SMS строкой id:phone:mes:&lt;secret&gt;; проверка подписи пробует id:phone:mes, phone:mes:to и id:phone и показывает, какая совпала. Подтвердить это может только настоящий запрос от SMSC.</translation>
    </message>
    <message>
        <source>It matches %1, which is the app&apos;s guess: the documentation available to the app gives only the delivery-status string. A match proves the string only for a callback that came from SMSC itself; a test callback from this app is signed with the same guess, so it matches whatever SMSC really does.</source>
        <translation>Подпись совпадает с %1 — это догадка приложения: в доступной приложению документации есть только строка для статусов доставки. Совпадение подтверждает строку, только если запрос пришёл от самого SMSC; тестовый запрос этого приложения подписан той же догадкой и совпадёт независимо от того, что на самом деле делает SMSC.</translation>
    </message>
    <message>
        <source>This request was sent by SMSC Desktop&apos;s test sender (its User-Agent says so), not by SMSC: it proves nothing about SMSC&apos;s string.</source>
        <translation>Этот запрос отправлен тестовым отправителем SMSC Desktop (об этом говорит его User-Agent), а не SMSC: о строке SMSC он ничего не доказывает.</translation>
    </message>
    <message>
        <source>Strings tried: %1</source>
        <translation>Проверенные строки: %1</translation>
    </message>
    <message>
        <source>Signed with the app&apos;s guess “%1”: the documentation available to the app gives only the delivery-status string. A handler that accepts this callback makes the same guess; only a callback from SMSC itself shows the string SMSC really uses.</source>
        <translation>Подписано догадкой приложения «%1»: в доступной приложению документации есть только строка для статусов доставки. Обработчик, принявший этот запрос, делает ту же догадку; какую строку на самом деле использует SMSC, покажет только запрос от самого SMSC.</translation>
    </message>
    <message>
        <source>koi8-r cannot be used together with fmt: SMSC&apos;s documentation says koi8-r is not used when fmt is given (whatever its value), so the values would come in windows-1251. Choose utf-8 or windows-1251.</source>
        <translation>koi8-r нельзя использовать вместе с fmt: по документации SMSC koi8-r не применяется, если задан fmt (с любым значением), и значения придут в windows-1251. Выберите utf-8 или windows-1251.</translation>
    </message>
    <message>
        <source>fmt=%1 is kept as written, but SMSC documents only fmt=2 (XML) and fmt=3 (JSON) for handlers. The app&apos;s guess: the callbacks come as form fields, and koi8-r is not used because fmt is given.</source>
        <translation>fmt=%1 оставлен как есть, но для обработчиков SMSC описывает только fmt=2 (XML) и fmt=3 (JSON). Догадка приложения: запросы придут полями формы, а koi8-r не применяется, потому что задан fmt.</translation>
    </message>
    <message>
        <source>A parameter has no name.</source>
        <translation>У параметра нет имени.</translation>
    </message>
    <message>
        <source>Parameter name “%1” may contain only Latin letters, digits, _ - . [ ]</source>
        <translation>Имя параметра «%1» может содержать только латинские буквы, цифры, _ - . [ ]</translation>
    </message>
    <message>
        <source>“%1” is a field SMSC sends itself; the handler may not be able to tell them apart.</source>
        <translation>«%1» — поле, которое SMSC передаёт сам; обработчик может не отличить их друг от друга.</translation>
    </message>
    <message>
        <source>“%1” is used twice.</source>
        <translation>«%1» используется дважды.</translation>
    </message>
    <message>
        <source>Paste a callback your handler received.</source>
        <translation>Вставьте уведомление, полученное вашим обработчиком.</translation>
    </message>
    <message>
        <source>This looks like JSON but cannot be read: %1</source>
        <translation>Похоже на JSON, но разобрать не удалось: %1</translation>
    </message>
    <message>
        <source>The JSON is not an object of fields.</source>
        <translation>JSON не является объектом с полями.</translation>
    </message>
    <message>
        <source>This looks like XML but cannot be read: %1</source>
        <translation>Похоже на XML, но разобрать не удалось: %1</translation>
    </message>
    <message>
        <source>No fields found. Paste the POST body (id=…&amp;phone=…), the query string, JSON, XML or the whole HTTP request.</source>
        <translation>Поля не найдены. Вставьте тело POST-запроса (id=…&amp;phone=…), строку запроса, JSON, XML или HTTP-запрос целиком.</translation>
    </message>
    <message>
        <source>The signature field holds the secret itself: this is the handler URL, not a callback. SMSC replaces the secret with the hash when it calls the handler.</source>
        <translation>В поле подписи записана сама секретная строка: это адрес обработчика, а не уведомление. При вызове обработчика SMSC заменяет секретную строку хешем.</translation>
    </message>
    <message>
        <source>It matches when the values are encoded in %1: the callback&apos;s charset differs from the one chosen here (or the handler URL&apos;s charset setting).</source>
        <translation>Совпадает, если значения закодированы в %1: кодировка уведомления отличается от выбранной здесь (или от параметра charset в адресе обработчика).</translation>
    </message>
    <message>
        <source>It matches with the phone written as %1: the + was added or removed on the way.</source>
        <translation>Совпадает, если телефон записан как %1: знак + был добавлен или удалён по пути.</translation>
    </message>
    <message>
        <source>It matches the %1 hash of the same string: the field name and the algorithm disagree.</source>
        <translation>Совпадает с хешем %1 той же строки: имя поля не соответствует алгоритму.</translation>
    </message>
    <message>
        <source>The received value (%1 characters) is not a hash of this kind at all.</source>
        <translation>Полученное значение (символов: %1) вообще не является хешем этого типа.</translation>
    </message>
    <message>
        <source>It matches with the secret in different letter case: secrets are case-sensitive.</source>
        <translation>Совпадает с секретной строкой в другом регистре: регистр в секретной строке важен.</translation>
    </message>
    <message>
        <source>written in hex; SMSC is assumed to send crc32 as an unsigned decimal</source>
        <translation>записано в hex; предполагается, что SMSC передаёт crc32 как беззнаковое десятичное число</translation>
    </message>
    <message>
        <source>written as a signed number (PHP on 32-bit systems)</source>
        <translation>записано как число со знаком (PHP в 32-битных системах)</translation>
    </message>
    <message>
        <source>in upper case; SMSC sends lower-case hex</source>
        <translation>в верхнем регистре; SMSC передаёт hex в нижнем регистре</translation>
    </message>
    <message>
        <source>No signature</source>
        <translation>Без подписи</translation>
    </message>
    <message>
        <source>The handler answered HTTP %1 %2 (a redirect to %3). SMSC does not follow redirects: use the final address in the handler URL.</source>
        <translation>Обработчик ответил HTTP %1 %2 (перенаправление на %3). SMSC не следует перенаправлениям: укажите в адресе обработчика конечный адрес.</translation>
    </message>
    <message>
        <source>The handler answered HTTP %1 %2 instead of 2xx: it rejected the callback or failed.</source>
        <translation>Обработчик ответил HTTP %1 %2 вместо 2xx: он отклонил уведомление или завершился с ошибкой.</translation>
    </message>
    <message>
        <source>The handler URL is not a valid http(s) address.</source>
        <translation>Адрес обработчика не является корректным адресом http(s).</translation>
    </message>
    <message>
        <source>DNS: the handler&apos;s host name cannot be resolved. Check the spelling of the address.</source>
        <translation>DNS: не удаётся определить имя хоста обработчика. Проверьте написание адреса.</translation>
    </message>
    <message>
        <source>Connection refused: nothing listens on that host and port. Is the web server running, and is the port right?</source>
        <translation>Соединение отклонено: на этом хосте и порту ничего не слушает. Запущен ли веб-сервер и верен ли порт?</translation>
    </message>
    <message>
        <source>TLS: a secure connection could not be established (certificate or protocol problem). Check the handler&apos;s certificate, or whether it speaks https at all.</source>
        <translation>TLS: не удалось установить защищённое соединение (проблема с сертификатом или протоколом). Проверьте сертификат обработчика и работает ли он вообще по https.</translation>
    </message>
    <message>
        <source>Timeout: the handler did not answer in time. It should answer quickly (SMSC expects a fast 200 OK).</source>
        <translation>Тайм-аут: обработчик не ответил вовремя. Он должен отвечать быстро (SMSC ожидает быстрый ответ 200 OK).</translation>
    </message>
    <message>
        <source>The connection to the handler failed: %1</source>
        <translation>Не удалось подключиться к обработчику: %1</translation>
    </message>
</context>
</TS>
