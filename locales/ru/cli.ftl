# Командная строка (cli/): всё, что оператор читает в терминале. Вывод --json не переводится.

## Общее (cli/run.ts, cli/io.ts)
cli-usage-head = Использование: npm run -s cli -- <команда> [--lang ru|en]
cli-usage-import = import <файл> [--year ГГГГ] [--tz IANA] [--json] [--save] [--active-from ГГГГ-ММ-ДД] [--workbook таблица.xlsx] [--new-roadmap]
cli-usage-person = person add --name "…" [--position "…"] [--org "…"] [--role executor|curator|deputy|coordinator] [--school "…"]… [--roadmap НОМЕР]… [--contact-for "…"] [--json]
cli-usage-people = people import <файл.csv>
cli-usage-roadmaps = roadmaps [--json]
cli-usage-plan = plan --at <дата и время ISO со смещением> [--json]
cli-usage-tick = tick --at <дата и время ISO со смещением>
cli-usage-export = export <номер карты> --format xlsx|docx|workbook [--out файл] [--with-files]
cli-usage-calendar = calendar load <файл.csv|файл.json> --year ГГГГ
cli-problem-usage = { $problem } (использование: { $usage })
cli-lang-unknown = --lang: язык «{ $lang }» не поддерживается, укажите ru или en
cli-lang-missing = --lang: укажите язык, ru или en
cli-unknown-command = Неизвестная команда «{ $command }».
cli-unknown-option = { $command }: неизвестный параметр { $option }
cli-needs-value = { $command }: после { $option } нужно значение
cli-takes-no-value = { $command }: { $option } пишется без значения
cli-bad-arguments = { $command }: не хватает аргументов или они не те
cli-unexpected-argument = { $command }: лишний аргумент «{ $argument }»
cli-database-busy = база данных занята другим процессом: повторите через минуту
cli-unexpected-error = непредвиденная ошибка: { $detail }
cli-internal-error = внутренняя ошибка: { $detail }
cli-config-bad-zone = { $name }: это не часовой пояс IANA (например, Europe/Moscow или Asia/Yakutsk)
cli-config-bad-database-url = DATABASE_URL: нужен адрес file: (например, file:./data/vekha.db) или postgresql://
cli-db-damaged = база данных { $where } повреждена или это не база SQLite ({ $reason }): восстановите её из резервной копии или укажите в DATABASE_URL другой файл
cli-db-cannot-open = базу данных { $where } не удалось открыть ({ $reason }): проверьте, что этот пользователь может читать и записывать файл и его папку, или укажите в DATABASE_URL другой файл
cli-db-read-only = база данных { $where } доступна только для чтения ({ $reason }): дайте этому пользователю право записи в файл и его папку
cli-db-disk-full = база данных { $where }: диск заполнен ({ $reason }): освободите место
cli-db-folder = база данных { $where }: её папку не удалось создать или использовать ({ $reason }): укажите в DATABASE_URL файл в папке, доступной для записи
cli-db-pg-unreachable = DATABASE_URL: { $where } недоступна ({ $reason }): запустите PostgreSQL или исправьте адрес и порт
cli-db-pg-timeout = DATABASE_URL: { $where } не ответила вовремя ({ $reason }): проверьте сервер или увеличьте connect_timeout в адресе
cli-db-pg-tls = DATABASE_URL: { $where } отказала в TLS-соединении ({ $reason }): проверьте sslmode и сертификаты в адресе
cli-db-pg-password = DATABASE_URL: { $where } не приняла пользователя и пароль ({ $reason }): исправьте их в адресе
cli-db-pg-no-database = DATABASE_URL: { $where } — такой базы нет ({ $reason }): создайте её (createdb) или исправьте адрес
cli-db-pg-rights = DATABASE_URL: { $where } не даёт этому пользователю создавать таблицы ({ $reason }): дайте ему права на базу или её схему
cli-db-pg-starting = DATABASE_URL: { $where } запускается или останавливается ({ $reason }): повторите чуть позже
cli-db-pg-connections = DATABASE_URL: { $where } — нет свободных подключений ({ $reason }): уменьшите connection_limit в адресе или увеличьте max_connections
cli-bot-token-missing = BOT_TOKEN: нужен токен бота (его выдаёт @BotFather)
cli-cannot-read = { $command }: не удалось прочитать { $file }: { $detail }
cli-cannot-write = { $command }: не удалось записать { $file }: { $detail }

## import
cli-import-bad-year = import: --year — это год вида 2024, а не «{ $value }»
cli-import-bad-tz = import: --tz — это часовой пояс IANA вида Asia/Yakutsk, а не «{ $value }»
cli-import-bad-active-from = import: --active-from — это дата ГГГГ-ММ-ДД, а не «{ $value }»
cli-import-workbook-name = import: после --workbook нужно имя файла
cli-import-new-roadmap-needs-save = import: --new-roadmap имеет смысл только вместе с --save
cli-import-which-file = import: какой файл загрузить?
cli-import-one-file = import: загружается один файл за раз, а указано { $count }
cli-import-workbook-same = import: --workbook должен называть другой файл, не тот, что загружается
cli-import-file-not-found = import: файл не найден: { $file }
cli-import-is-directory = import: { $file } — это папка, а не файл
cli-import-no-permission = import: нет прав на чтение { $file }
cli-import-could-not-read = import: { $file }: файл прочитать не удалось ({ $detail })
cli-import-nothing = import: { $file }: ничего не распознано — в документе нет ни таблицы дорожной карты, ни нумерованных пунктов с поручениями
cli-import-error-empty = import: { $file }: файл пустой
cli-import-error-password = import: { $file }: документ защищён паролем — снимите пароль, сохраните и загрузите снова
cli-import-error-legacy_word = import: { $file }: документ Word старого формата (RTF, Word 2003, .doc) прочитать не удалось — сохраните его как .docx и загрузите снова
cli-import-error-legacy_excel = import: { $file }: таблица Excel старого формата — сохраните её как .xlsx и загрузите снова
cli-import-error-pdf = import: { $file }: PDF повреждён и не читается — нужен исходный .docx, .doc или .xlsx
cli-import-error-pdf-scan = import: { $file }: в PDF нет текстового слоя (это скан) — нужен исходный .docx, .doc или .xlsx либо PDF, сохранённый из Word
cli-import-error-mismatch = import: { $file }: по имени это { $ext }, а внутри обычный текст — откройте файл в Word или Excel и сохраните как .docx
cli-import-error-unreadable = import: { $file }: файл повреждён или не читается — сохраните документ заново (и проверьте, что он скачан полностью)
cli-import-error-unsupported = import: { $file }: этот формат не поддерживается — подойдут .docx, .doc, .xlsx, .csv, .pdf с текстом, .txt, .md или .html
cli-import-error-too_large = import: { $file }: документ слишком велик для дорожной карты: { $limit ->
    [fileBytes] файл больше { $max } МБ
    [zipParts] в архиве больше { $max } частей
    [unpackedBytes] в распакованном виде он больше { $max } МБ
    [xmlPartBytes] одна из его частей в распакованном виде больше { $max } МБ
    [paragraphs] в нём больше { $max } абзацев
    [rows] в его таблицах больше { $max } строк
    [sheetRows] в его листах больше { $max } строк
    [cells] в его таблицах больше { $max } ячеек
    [textChars] в нём больше { $max } знаков текста
    [pages] в нём больше { $max } страниц
    [time] его не удалось прочитать за { $max } с
    [memory] для чтения нужно больше { $max } МБ памяти
   *[other] он превышает допустимый размер
}
cli-import-error-nothing_found = import: { $file }: дорожная карта не найдена — в документе нет ни таблицы мероприятий, ни пунктов приказа с поручениями
cli-import-error-workbook-empty = import: { $file }: в таблице дорожной карты есть строка заголовков, но под ней нет ни одной строки
cli-import-error-empty_document = import: { $file }: в документе нет текста
cli-import-workbook-no-folder = import: не удалось записать таблицу: нет папки { $folder }
cli-import-workbook-is-directory = import: не удалось записать таблицу: { $file } — это папка
cli-import-workbook-no-permission = import: не удалось записать таблицу: нет прав на запись { $file }
cli-import-workbook-failed = import: не удалось записать таблицу { $file }: { $detail }

cli-import-untitled = (без названия)
cli-import-timezone = часовой пояс { $zone }
cli-import-years = { $years } { $count ->
    [one] год
   *[other] годы
}
cli-import-controller = Контроль: { $name }
cli-import-items = { $count } { $count ->
    [one] мероприятие
    [few] мероприятия
   *[many] мероприятий
}
cli-import-section = { $count } — в разделе «{ $section }»
cli-import-no-section = { $count } — вне разделов
cli-import-deadlines = Сроки: { $list }
cli-import-deadline-count = { $kind } — { $count }
cli-deadline-kind-date = дата
cli-deadline-kind-window = период
cli-deadline-kind-multi = несколько этапов
cli-deadline-kind-recurring = регулярно
cli-deadline-kind-ongoing = постоянно
cli-deadline-kind-on_demand = по мере необходимости
cli-deadline-kind-none = не указан
cli-deadline-kind-unknown = не распознан
cli-import-schools = Школ: { $schools }, закреплено кураторов: { $curators }
cli-import-warnings = { $count } { $count ->
    [one] предупреждение
    [few] предупреждения
   *[many] предупреждений
}:
cli-import-no-warnings = Предупреждений нет
cli-import-warning-item = п. { $item }
cli-import-warning-row = строка { $row }
cli-import-saved-new = Сохранено: дорожная карта { $id } (новая), мероприятий: { $added }; действует с { $date }
cli-import-saved-updated = Сохранено: дорожная карта { $id } обновлена — добавлено { $added }, изменено { $changed }, перенумеровано { $moved }, снято { $removed }; действует с { $date }
cli-import-assignments = Поручений создано: { $created }, из них с исполнителем: { $assigned }; всего без исполнителя: { $unresolved }
cli-import-assignments-filled = Поручений создано: { $created }, из них с исполнителем: { $assigned }; прежним поручениям назначен исполнитель: { $filled }; всего без исполнителя: { $unresolved }
cli-import-not-saved = Не сохранено (чтобы сохранить, добавьте --save)
cli-import-workbook-written = Таблица для правки записана: { $file }
cli-import-matched-similar = В этом документе нет своего номера приказа, но он близок к дорожной карте { $id } «{ $title }»: обновлена она (чтобы сохранить документ отдельной картой, добавьте --new-roadmap)
cli-import-matched-similar-untitled = В этом документе нет своего номера приказа, но он близок к дорожной карте { $id }: обновлена она (чтобы сохранить документ отдельной картой, добавьте --new-roadmap)
cli-import-renumbered = Перенумеровано мероприятий: { $count } — их отметки и подтверждения перешли к новым номерам
cli-import-list-moved = Новые номера ({ $count }):
cli-import-list-added = Новые мероприятия ({ $count }):
cli-import-list-removed = Нет в новой редакции, сняты ({ $count }):
cli-import-list-restored = Снова в документе ({ $count }):
cli-import-list-reworded = Изменена формулировка ({ $count }):
cli-import-list-more = … и ещё { $count }

## person add
cli-person-name-required = person add: укажите --name
cli-person-unknown-role = person add: неизвестная роль «{ $role }» (executor, curator, deputy, coordinator)
cli-person-bad-roadmap = person add: --roadmap — это номер дорожной карты, а не «{ $value }»
cli-person-no-roadmap = person add: дорожной карты с номером { $id } нет
cli-person-no-school-close = person add: школы «{ $school }» нет; похожие: { $close } — укажите одну из них в --school
cli-person-no-school = person add: школы «{ $school }» нет (школы берутся из загруженных дорожных карт: сначала загрузите карту или проверьте название)
cli-person-ambiguous = person add: под «{ $name }» подходят { $count } { $count ->
    [one] человек
    [few] человека
   *[many] человек
} ({ $people }) — укажите ФИО полностью
cli-person-invite = { $name } (№ { $id } в справочнике): приглашение действует до { $date }
cli-person-token = Код приглашения { $token } — отправьте боту: /start { $token }
cli-person-link = Ссылка-приглашение: { $link }
cli-person-replaced = Прежняя ссылка-приглашение этого человека больше не работает: отправьте ему новую

## people import
cli-people-row = строка { $row }: { $message }
cli-people-row-no-name = не указано ФИО
cli-people-row-unknown-role = неизвестная роль «{ $role }» (исполнитель, куратор, заместитель, координатор)
cli-people-file-empty = файл пустой
cli-people-not-csv = это не CSV, который можно прочитать ({ $detail })
cli-people-no-name-column = в заголовке нет столбца ФИО (ФИО;Должность;Организация;Роль;Школа)
cli-people-file-error = people import: { $file }: { $message }
cli-people-none = people import: { $file }: не прочитано ни одного человека
cli-people-none-see-rows = people import: { $file }: не прочитано ни одного человека (причины — в строках выше)
cli-people-summary = { $count ->
    [one] { $count } человек
    [few] { $count } человека
   *[many] { $count } человек
}: добавлено { $created }, обновлено { $updated }; поручений получили исполнителя: { $filled }
cli-people-skipped = пропущено строк: { $count }

## roadmaps
cli-roadmaps-none = Дорожных карт пока нет. Загрузите первую: npm run -s cli -- import <файл> --save
cli-roadmaps-bad-argument = roadmaps: неизвестный аргумент { $argument }

## plan, tick
cli-at-required = { $command }: укажите --at <дата и время ISO со смещением>, например --at 2023-06-15T09:00:00+09:00
cli-at-needs-offset = { $command }: в --at нужно смещение или Z, например 2023-06-15T09:00:00+09:00
cli-at-not-iso = { $command }: --at «{ $value }» — не дата и время ISO
cli-plan-nothing = На { $at } отправлять нечего
cli-plan-line = { $sendAt }  { $kind }  карта { $roadmap }  { $item } → { $name }
cli-plan-item = п. { $key }
cli-plan-digest = сводка
cli-plan-no-chat = (нет чата)
cli-plan-total = К отправке: { $count }
cli-reminder-kind-window_open = начало срока
cli-reminder-kind-before_7d = за 7 дней
cli-reminder-kind-before_1d = за день
cli-reminder-kind-due = срок сегодня
cli-reminder-kind-overdue = просрочено
cli-reminder-kind-escalation = эскалация
cli-reminder-kind-checkin = вопрос о ходе работы
cli-reminder-kind-digest = сводка
cli-reminder-kind-approval_reminder = напоминание о согласовании
cli-tick-summary = Запланировано { $planned }, взято в работу { $claimed }, отправлено { $sent }, не отправлено { $failed }
cli-tick-no-details = подробностей нет
cli-tick-blocked = Не доставлено: { $count } — получатель заблокировал бота ({ $detail }); он отмечен недоступным, координаторам сообщено
cli-tick-refused = Не доставлено: { $count } — Telegram отказал ({ $detail }); повторов не будет
cli-tick-failed = Не доставлено: { $count } — Telegram или сеть не отвечали ({ $detail }); следующий запуск повторит

## export
cli-export-which = export: какую дорожную карту выгрузить?
cli-export-one-id = export: выгружается одна карта за раз (указано: { $ids })
cli-export-bad-id = export: номер карты — это число вроде 3, а не «{ $value }»
cli-export-format-required = export: укажите --format xlsx или --format docx
cli-export-bad-format = export: --format — это xlsx, docx или workbook, а не «{ $value }»
cli-export-with-files-workbook = export: --with-files относится к отчёту (xlsx или docx), а не к таблице для правки
cli-export-no-roadmap = export: дорожной карты { $id } нет
cli-export-nothing = export: в дорожной карте { $id } («{ $title }») нет мероприятий для выгрузки
cli-export-too-large = export: выгрузка не уместилась в память рабочего потока ({ $mb } МБ) и остановлена, файл не записан; задайте больше, например EXPORT_MEMORY_MB={ $more }
cli-export-files-missing = export: { $count ->
    [one] не найден { $count } файл подтверждений
    [few] не найдены { $count } файла подтверждений
   *[many] не найдены { $count } файлов подтверждений
} в { $dir }: { $files }

## calendar load
cli-calendar-year-required = calendar: укажите --year ГГГГ
cli-calendar-loaded = { $year }: загружено дней: { $days } (рабочих { $working }, выходных { $off })
cli-calendar-line = строка { $n }
cli-calendar-entry = запись { $n }
cli-calendar-not-a-date = { $where }: «{ $text }» — не дата
cli-calendar-other-year = { $where }: { $date } — не { $year } год
cli-calendar-bad-json = это не JSON ({ $detail })
cli-calendar-entry-fields = { $where }: нужны поля "date" и "isWorking"
cli-calendar-not-list = "{ $field }" должен быть списком дат
cli-calendar-word = { $where }: после даты напишите «рабочий» или «выходной»
cli-calendar-bad-file = calendar: { $file }: { $message }

## Предупреждения импорта (cli/warnings.ts): те же фразы, что пишет core/, — чтобы с --lang en они были по-английски
cli-warning-unnumbered-row = строка без номера стала отдельным пунктом: «{ $title }»
cli-warning-no-numbers = в таблице нет номеров пунктов: пункты пронумерованы по порядку
cli-warning-no-deadline-column = в таблице нет столбца сроков
cli-warning-no-responsible-column = в таблице нет столбца ответственных
cli-warning-no-title = у пункта нет названия мероприятия
cli-warning-no-title-withheld = у пункта нет названия мероприятия: сроки, ответственные и результат из строки выше в него не перенесены — впишите название или уберите пункт
cli-warning-no-deadline = срок не указан
cli-warning-no-responsible = ответственный не указан
cli-warning-section-period = срок не указан: взят период раздела «{ $section }» ({ $period })
cli-warning-inherited = пустая ячейка «{ $field }» взята из строки выше (п. { $from }): в оригинале ячейки, видимо, были объединены
cli-warning-inherited-many = пустые ячейки «{ $fields }» и «{ $last }» взяты из строки выше (п. { $from }): в оригинале ячейки, видимо, были объединены
cli-warning-field-title = Мероприятие
cli-warning-field-result = Результат
cli-warning-field-deadline = Срок
cli-warning-field-responsible = Ответственный
cli-warning-field-evidence = Подтверждение
cli-warning-number-repeats = номер { $number } повторяется
cli-warning-number-repeats-section = номер { $number } повторяется в разделе «{ $section }»
cli-warning-point-no-deadline = у пункта { $key } не указан срок
cli-warning-point-no-executor = у пункта { $key } не указан исполнитель
cli-warning-point-bullets = в пункте { $key } есть текст без номера между подпунктами; он не стал пунктом
cli-warning-point-not-task = пункт { $key } не похож на поручение и не стал мероприятием: «{ $text }»
cli-warning-point-number-repeats = номер пункта { $key } повторяется: пункту дан ключ { $unique }
cli-warning-year-from-order = год дорожной карты не указан: принят год приказа { $year }
cli-warning-no-region = регион не определён: часовой пояс { $zone }
cli-warning-approved-late = программа утверждена после начала своего срока: { $count } { $count ->
    [one] мероприятие
    [few] мероприятия
   *[many] мероприятий
} со сроком до даты приказа ({ $date })
cli-warning-deadline-unread = срок не распознан: «{ $deadline }»
cli-warning-deadline-word = в сроке «{ $deadline }» слово «{ $written }» прочитано как «{ $joined }»
cli-warning-deadline-two-years = в сроке «{ $deadline }» два года подряд ({ $first } и { $second }): принят { $chosen }
cli-warning-deadline-year-taken = в сроке «{ $deadline }» не указан год: принят { $year }
cli-warning-deadline-no-year = в сроке «{ $deadline }» не указан год
cli-warning-deadline-outside-stage = в сроке «{ $deadline }» не указан год, и срок вне периода раздела ({ $start } – { $end }): принят { $year }
cli-warning-deadline-before-order = срок «{ $deadline }» раньше даты приказа ({ $date })
cli-warning-deadline-far-year = в сроке «{ $deadline }» год { $year } не из лет дорожной карты ({ $years })
cli-warning-deadline-leftovers = в сроке «{ $deadline }» не разобрано: «{ $leftovers }»
cli-warning-deadline-reversed = в сроке «{ $deadline }» начало позже конца: взяты в обратном порядке
cli-warning-deadline-no-such-date = в сроке «{ $deadline }» нет такой даты «{ $written }»
cli-warning-deadline-no-such-date-taken = в сроке «{ $deadline }» нет такой даты «{ $written }»: принято { $date }
cli-warning-deadline-incomplete-date = в сроке «{ $deadline }» дата «{ $written }» неполная: принято { $date }
cli-warning-workbook-key-repeats = ключ «{ $key }» повторяется: строке дан ключ { $unique }
cli-warning-workbook-no-key = у строки нет ключа: дан ключ { $unique }
cli-warning-workbook-no-sheet = нет листа «{ $sheet }»: название, приказ и часовой пояс не указаны
cli-warning-workbook-order-date = дата приказа «{ $date }» не распознана: укажите её как 31.03.2023
cli-warning-workbook-timezone = часовой пояс «{ $zone }» не распознан: принят { $taken }
cli-warning-workbook-identity = «Идентификатор карты» изменён («{ $identity }»): карта будет найдена по приказу
