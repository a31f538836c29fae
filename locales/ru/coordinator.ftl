# Координатор: загрузка, люди, приглашения, назначения
coordinator-not-allowed = Эта команда доступна только координаторам.
coordinator-import-ask = Отправьте файл дорожной карты (.docx, .doc, .xlsx, .csv, .pdf с текстом или текстовая выгрузка .txt) или список людей в CSV (ФИО;Должность;Организация;Роль;Школа). Перед сохранением я покажу предпросмотр. Можно и вставить таблицу текстом прямо в чат.
coordinator-import-too-big = Файл больше { $mb } МБ: такой бот скачать не может. Сохраните документ без лишних вложений или разделите его.
coordinator-import-error-empty = Файл пустой. Отправьте, пожалуйста, документ с дорожной картой.
coordinator-import-error-legacy_word = Этот документ Word старого формата прочитать не удалось. Сохраните его как .docx («Файл» → «Сохранить как») и отправьте снова.
coordinator-import-error-legacy_excel = Это таблица старого формата Excel (.xls). Сохраните её как .xlsx и отправьте снова.
coordinator-import-error-pdf = Из этого PDF не удалось прочитать текст: похоже, это скан без текстового слоя (или файл повреждён). Отправьте, пожалуйста, исходный документ (.docx, .doc или .xlsx) или PDF, сохранённый из Word.
coordinator-import-error-mismatch = Содержимое файла не соответствует его расширению. Откройте его и сохраните заново в формате .docx или .xlsx.
coordinator-import-error-unreadable = Файл повреждён или не читается. Сохраните документ заново и отправьте ещё раз.
coordinator-import-error-unsupported = Этот формат не поддерживается. Подойдут .docx, .doc, .xlsx, .csv, .pdf с текстом или .txt.
coordinator-import-error-too_large = Документ слишком велик для дорожной карты: { $limit ->
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
}. Отправьте, пожалуйста, только дорожную карту (приказ с таблицей мероприятий) отдельным файлом.
coordinator-import-error-nothing_found = В документе не нашлось ни таблицы мероприятий, ни пунктов приказа с поручениями. Проверьте, тот ли это файл.
coordinator-import-error-empty_document = В документе нет текста. Отправьте, пожалуйста, документ с дорожной картой.
coordinator-import-paste-name = Таблица из сообщения
coordinator-import-paste-no-table = В присланном тексте не нашлось таблицы мероприятий. Вставьте таблицу целиком, со строкой заголовков (№, мероприятие, срок, ответственный), или отправьте файл документа.
coordinator-import-paste-maybe-cut = Сообщение почти достигло предела длины Telegram. Если таблица была длиннее, Telegram разделил её на несколько сообщений, и я прочитал только первое — проверьте число мероприятий в предпросмотре. Длинную таблицу надёжнее отправить файлом.
coordinator-import-photo = Это фотография, а нужен файл документа (.docx, .doc, .xlsx, .csv, .pdf или .txt). Отправьте его через «Прикрепить» → «Файл».
coordinator-import-unavailable = Не удалось получить файл от Telegram. Отправьте его, пожалуйста, ещё раз.
coordinator-import-superseded = Этот предпросмотр заменён более новым — тем, что Вы прислали позже. Сохраните, пожалуйста, последний предпросмотр.
coordinator-import-outdated = Этот предпросмотр уже неактуален. Отправьте /import и файл ещё раз.
coordinator-import-cancelled = Загрузка отменена, ничего не сохранено.
coordinator-import-saved = Дорожная карта сохранена (карта { $id }) и действует с сегодняшнего дня. Мероприятий: { $added }. Создано поручений: { $assignments }; без исполнителя: { $unresolved } — список в /unassigned.
coordinator-import-updated = Дорожная карта { $id } обновлена: добавлено { $added }, изменено { $updated }, снято { $removed }. Новых поручений: { $assignments }; без исполнителя: { $unresolved } — список в /unassigned.
coordinator-button-save = Сохранить
coordinator-button-cancel = Отмена
coordinator-preview-title = <b>Предпросмотр: { $title }</b>
coordinator-preview-order = Приказ № { $number } от { $date }; { $authority }; часовой пояс { $timezone }
coordinator-preview-counts = Мероприятий: <b>{ $items }</b>; разделов: { $sections }
coordinator-preview-sections = Разделы:
coordinator-preview-section = { $title } — { $count ->
    [one] { $count } мероприятие
    [few] { $count } мероприятия
   *[other] { $count } мероприятий
}
coordinator-preview-no-section = без раздела — { $count ->
    [one] { $count } мероприятие
    [few] { $count } мероприятия
   *[other] { $count } мероприятий
}
coordinator-preview-keys = Ключи: { $keys }
coordinator-preview-controller = Контроль: { $name }
coordinator-preview-overdue = ⚠️ Уже просрочено на сегодня { $count ->
    [one] { $count } мероприятие
    [few] { $count } мероприятия
   *[other] { $count } мероприятий
}: { $keys }. Напоминаний по ним не будет — они войдут в первую сводку.
coordinator-preview-overdue-none = Просроченных на сегодня мероприятий нет.
coordinator-preview-role-document = { $roles } → поручения { $count } { $count ->
    [one] школе
   *[other] школам
} из документа: { $schools }
coordinator-preview-role-directory = { $roles } → поручения всем школам справочника ({ $count }): { $schools }
coordinator-preview-role-missing = в справочнике нет исполнителя { $several ->
    [yes] этих ролей
   *[no] этой роли
} в { $count ->
    [one] { $count } школе
   *[other] { $count } школах
} — их поручения попадут в /unassigned
coordinator-preview-role-quoted = «{ $role }»
coordinator-preview-role-no-schools = { $roles } → школ в справочнике пока нет: загрузите список людей со школами (CSV), затем назначьте исполнителей командой /unassigned.
coordinator-preview-role-same = { $roles } → те же { $count } { $count ->
    [one] школа
    [few] школы
   *[other] школ
}
coordinator-preview-unresolved = Исполнитель в справочнике не найден — { $count ->
    [one] { $count } мероприятие, по ответственным:
    [few] { $count } мероприятия, по ответственным:
   *[other] { $count } мероприятий, по ответственным:
}
coordinator-preview-warnings = Замечания при разборе: { $count }
coordinator-preview-question = Сохранить дорожную карту?
coordinator-people-empty = Справочник людей пока пуст. Загрузите список через /import (CSV) или пригласите: /invite ФИО.
coordinator-people-header = Людей в справочнике: { $count }. ✅ — подключён к боту, ⏳ — ещё нет, ⛔ — заблокировал бота.
coordinator-people-linked = ✅
coordinator-people-not-linked = ⏳
coordinator-people-unreachable = ⛔
coordinator-role-executor = исполнитель
coordinator-role-curator = куратор
coordinator-role-deputy = заместитель
coordinator-role-coordinator = координатор
coordinator-people-usage = Изменить справочник: /people удалить <i>ФИО</i> — открытые поручения попадут в /unassigned; /people заменить <i>ФИО</i> -&gt; <i>ФИО</i> — поручения, роли и школы перейдут к новому человеку.
coordinator-people-removed = { $name } удалён(а) из справочника. Открытых поручений без исполнителя стало больше на { $moved } — см. /unassigned.
coordinator-people-replaced = { $name } заменён(а) на { $replacement }: передано открытых поручений — { $moved }, а также роли и школы.
coordinator-people-error-unknown_person = «{ $name }» нет в справочнике.
coordinator-people-error-ambiguous_person = Под «{ $name }» подходят несколько человек: { $candidates }. Напишите ФИО полностью.
coordinator-people-error-unknown_replacement = «{ $replacement }» нет в справочнике. Сначала пригласите: /invite ФИО.
coordinator-people-error-ambiguous_replacement = Под «{ $replacement }» подходят несколько человек: { $candidates }. Напишите ФИО полностью.
coordinator-people-error-same_person = Нельзя заменить человека на него самого.
coordinator-people-imported = Список людей загружен (строк в файле: { $rows }). В справочнике добавлено: { $created }, обновлено: { $updated }. Исполнитель назначен поручениям: { $filled }.
coordinator-people-row-errors = Строк с ошибками: { $count }
coordinator-people-csv-error-empty = Список людей не прочитан: файл пустой. Заполните шаблон (строка заголовков: ФИО;Должность;Организация;Роль;Школа) и отправьте снова.
coordinator-people-csv-error-unreadable = Список людей не прочитан: файл не похож на таблицу CSV. Сохраните его в Excel как «CSV (разделители — точка с запятой)» и отправьте снова.
coordinator-people-csv-error-no_name_column = Список людей не прочитан: в первой строке нет графы «ФИО». Первая строка должна быть такой: ФИО;Должность;Организация;Роль;Школа.
coordinator-people-row = • строка { $row }: { $problem }
coordinator-people-row-no_name = не указаны ФИО
coordinator-people-row-unknown_role = неизвестная роль «{ $roles }» (подходят: исполнитель, куратор, заместитель, координатор)
coordinator-people-none = В файле нет ни одной строки с людьми: под строкой заголовков впишите по одному человеку в строке и отправьте файл снова.
coordinator-invite-usage = Напишите ФИО полностью, например: /invite Иванова Мария Петровна
coordinator-invite-bad-name = ФИО может содержать только буквы, пробелы, точки и дефисы и быть не длиннее 150 символов.
coordinator-invite-ambiguous = Под это имя подходят несколько человек: { $names }. Напишите ФИО полностью.
coordinator-invite-unknown = «{ $name }» в справочнике нет. Для нового человека напишите фамилию, имя и отчество.
coordinator-invite-link = Ссылка-приглашение: <b>{ $name }</b> (одноразовая, действует { $days } { $days ->
    [one] день
    [few] дня
   *[other] дней
}):
    { $link }
    Перешлите ссылку этому человеку: по ней бот узнает его.
coordinator-assign-usage = Формат: /assign <i>ключ</i> <i>ФИО или организация</i> [<i>школа</i>]. Например: /assign 17 Иванова Мария Петровна СОШ № 1. Чтобы назначить все открытые поручения организации: /assign <i>организация</i> <i>ФИО</i>.
coordinator-assign-error-unknown_item = Мероприятия с ключом «{ $key }» нет. Ключи видны в /unassigned и в карточках.
coordinator-assign-error-ambiguous_item = Ключ «{ $key }» есть в нескольких дорожных картах: { $candidates }. Укажите карту, например 2/17.
coordinator-assign-error-unknown_assignee = «{ $name }» нет в справочнике. Добавьте человека через /invite или список CSV.
coordinator-assign-error-ambiguous_assignee = Под «{ $name }» подходят несколько человек: { $candidates }. Напишите ФИО полностью.
coordinator-assign-error-no_contacts = У организации «{ $name }» нет контактных лиц. Назначьте конкретного человека.
coordinator-assign-error-unknown_school = Школа «{ $school }» не найдена или подходит под несколько: { $candidates }
coordinator-assign-error-nothing_open = У «{ $key }» нет открытых поручений без исполнителя.
coordinator-assign-done = Назначено: { $names } — мероприятия { $keys } (поручений: { $count }).
coordinator-unassigned-none = Все поручения распределены.
coordinator-unassigned-header = Поручений без исполнителя: { $count } (мероприятий: { $items })
coordinator-unassigned-more = …и ещё { $items ->
    [one] { $items } мероприятие
    [few] { $items } мероприятия
   *[other] { $items } мероприятий
} (поручений: { $rows }). Назначьте показанные — список сократится.
coordinator-unassigned-hint = Назначить: /assign <i>ключ</i> <i>ФИО</i> [<i>школа</i>] — без школы человек получит поручения мероприятия во всех школах; сразу все поручения организации: /assign <i>организация</i> <i>ФИО</i>.
# /roadmaps и CLI roadmaps
roadmap-status-draft = черновик
roadmap-status-active = действует
roadmap-status-archived = в архиве
roadmaps-none = Дорожных карт пока нет. Загрузите первую: /import.
roadmaps-header = { $count ->
    [one] { $count } дорожная карта
    [few] { $count } дорожные карты
   *[many] { $count } дорожных карт
}
roadmaps-line = <b>Карта { $id }</b> · { $name } · { $status }
roadmaps-counts = { $items } { $items ->
    [one] мероприятие
    [few] мероприятия
   *[many] мероприятий
}, { $assignments } { $assignments ->
    [one] поручение
    [few] поручения
   *[many] поручений
}{ $unassigned ->
    [0] {""}
   *[other] , без исполнителя — { $unassigned }
}
roadmaps-cli-line = { $id }  { $status }  { $name } · { $items } { $items ->
    [one] мероприятие
    [few] мероприятия
   *[many] мероприятий
} · { $assignments } { $assignments ->
    [one] поручение
    [few] поручения
   *[many] поручений
}, без исполнителя — { $unassigned }
coordinator-invite-replaced = Прежняя ссылка-приглашение этого человека больше не действует: отправьте ему эту.
