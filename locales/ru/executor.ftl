# Исполнитель: карточка, /my, /item, /done, /progress, /evidence, перенос срока
card-title = <b>{ $key }.</b> { $title }
card-roadmap = Дорожная карта: { $roadmap }
card-school = Школа: { $school }
card-due = Срок: { $date }
card-due-text = Срок: { $text }
card-status = Статус: { $status }
card-status-late = Статус: { $status } ({ $overdue })
card-result = Ожидаемый результат: { $result }
card-evidence-required = Подтверждение: { $text }
card-evidence-count = Приложено подтверждений: { $count }
card-button-done = Выполнено
card-button-progress = В работе
card-button-more-time = Нужно больше времени
card-button-evidence = Приложить подтверждение
exec-button-cancel = Отмена
my-empty = У Вас нет открытых поручений.
my-header = <b>Ваши поручения: { $count }</b>
my-header-school = <b>Ваши поручения: { $count }</b> · { $school }
my-overdue = <b>Просрочено ({ $count })</b>
my-soon = <b>Срок в ближайшие 7 дней ({ $count })</b>
my-later = <b>Позже ({ $count })</b>
my-undated = <b>Постоянно или без срока ({ $count })</b>
my-submitted = <b>На проверке ({ $count })</b>
my-due = до { $date }
my-footer = Нажмите на поручение, чтобы открыть его карточку с кнопками.
my-shown = Показаны поручения { $from }–{ $to } из { $count }.
my-button-more = Ещё
my-button-first = В начало
exec-usage-item = Укажите ключ мероприятия: /item 17
exec-usage-done = Укажите ключ и, если есть, ссылку на подтверждение: /done 17 https://…
exec-usage-progress = Укажите ключ и, если нужно, комментарий: /progress 17 начали подготовку
exec-usage-evidence = Укажите ключ и ссылку: /evidence 17 https://…
exec-key-unknown = Мероприятия с ключом «{ $key }» нет. Ключи Ваших поручений — в /my.
exec-key-not-yours = Мероприятие «{ $key }» Вам не поручено. Ваши поручения — /my.
exec-key-ambiguous = Ключ «{ $key }» есть в нескольких дорожных картах. Выберите нужную:
exec-refused-not_found = Это поручение больше не действует.
exec-refused-not_yours = Это поручение закреплено не за Вами.
exec-refused-closed = Поручение уже закрыто (статус: { $status }). Изменить его нельзя.
exec-refused-submitted = Поручение уже на проверке. Можно приложить ещё подтверждение.
exec-refused-not_allowed = Сейчас это сделать нельзя (статус: { $status }).
exec-refused-pending_request = Ваш запрос на перенос срока уже ждёт решения.
exec-button-not-yours = Эта кнопка относится к чужому поручению.
exec-bad-link = Нужна ссылка, начинающаяся с http:// или https://, например https://school1.ru/news/123
exec-done-submitted = Поручение { $key } отмечено как выполненное и отправлено на проверку.
exec-done-closed = Поручение { $key } отмечено как выполненное.
exec-done-submitted-toast = Отправлено на проверку.
exec-done-closed-toast = Отмечено как выполненное.
exec-done-toast = Отмечено как выполненное.
exec-done-attach-hint = Приложите подтверждение: ссылку, файл или фото — кнопкой «Приложить подтверждение» или ответом на карточку.
exec-progress-noted = Поручение { $key }: статус «в работе».
exec-progress-noted-comment = Поручение { $key }: статус «в работе», комментарий сохранён.
exec-progress-toast = Статус: в работе.
exec-evidence-added = Подтверждение к поручению { $key } сохранено.
exec-evidence-ask = Отправьте подтверждение к поручению { $key }: ссылку, файл (до 20 МБ) или фотографию.
exec-evidence-not-a-link = Это не похоже на ссылку. Отправьте ссылку (http:// или https://), файл или фотографию.
exec-evidence-unsupported = Такое сообщение нельзя приложить. Отправьте ссылку, файл или фотографию.
exec-evidence-what-link = ссылка
exec-evidence-what-file = файл «{ $name }»
exec-evidence-saved = Подтверждение к поручению { $key } сохранено: { $what }. Когда всё готово, нажмите «Выполнено».
exec-evidence-saved-on-review = Подтверждение к поручению { $key } сохранено: { $what }. Оно будет передано на проверку.
exec-file-too-big = Файл больше { $max } МБ — такой бот принять не может. Загрузите его на сайт или в облако и пришлите ссылку.
exec-file-too_big = Файл больше { $max } МБ — такой бот принять не может. Загрузите его на сайт или в облако и пришлите ссылку.
exec-file-empty = Файл пустой. Проверьте его и отправьте ещё раз.
exec-file-unavailable = Не удалось получить файл от Telegram. Попробуйте отправить его ещё раз.
exec-cancelled = Отменено.
exec-no-due = не указан
exec-postpone-ask-date = Поручение { $key }, текущий срок: { $due }. Напишите новую дату, например { $example }.
exec-postpone-bad-date = Не удалось разобрать дату. Напишите её так: { $example }.
exec-postpone-date-too-early = Новая дата должна быть позже { $date }.
exec-postpone-ask-reason = Новый срок: { $date }. Коротко напишите причину переноса.
exec-postpone-ask-reason-text = Напишите причину переноса текстом.
exec-postpone-requested = Запрос на перенос срока до { $date } отправлен. Я сообщу Вам о решении.
exec-postpone-requested-nobody = Запрос на перенос срока до { $date } сохранён. Тот, кто решает о переносе, ещё не подключён к боту: запрос дойдёт до него, как только он подключится, а о решении я сообщу Вам.
exec-checkin-saved = Отметка по мероприятию { $key } за период с { $date } сохранена. Мероприятие постоянное: отметка его не закрывает.
exec-checkin-toast = Отметка за период сохранена.
exec-checkpoint-done = Этап поручения { $key } со сроком { $date } отмечен выполненным. Следующий этап — до { $next }.
exec-checkpoint-toast = Этап со сроком { $date } отмечен выполненным.
exec-reply-which-done = Это сообщение о нескольких поручениях. Какое из них выполнено? Откройте его карточку и нажмите «Выполнено».
exec-reply-which = Это сообщение о нескольких поручениях. Откройте карточку нужного и ответьте на неё ссылкой или файлом.
exec-snoozed = Напомню { $date } в { $time }.
exec-snoozed-message = Поручение { $key }: напомню { $weekday ->
    [1] в понедельник
    [2] во вторник
    [3] в среду
    [4] в четверг
    [5] в пятницу
    [6] в субботу
   *[7] в воскресенье
}, { $date }, в { $time }.
exec-snooze-closed = Поручение уже закрыто: напоминать не о чем.
