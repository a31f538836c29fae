# Отчёты: выгрузка .xlsx/.docx, графики, команда /export

## Группы статусов на графиках и в сводке
export-bucket-done = выполнено
export-bucket-submitted = на проверке
export-bucket-inProgress = в работе
export-bucket-notStarted = не начато
export-bucket-overdue = просрочено
export-bucket-returned = возвращено
export-bucket-postponed = перенесено
export-bucket-cancelled = отменено
export-no-section = Без раздела

## Графики
export-chart-sections-title = Исполнение по разделам
export-chart-schools-title = Исполнение по школам
export-chart-schools-lagging-title = Школы, где больше всего просроченного: { $shown } из { $total }
export-chart-time-title = Выполнено поручений нарастающим итогом
export-chart-time-axis = дата
export-chart-time-total = всего поручений: { $total }
export-chart-bar-value = { $done } из { $total } ({ $percent } %)
export-chart-more = …и ещё { $count } (полный список — в таблице .xlsx)
export-chart-empty = Пока нет данных

## Таблица .xlsx
export-sheet-items = Исполнение
export-sheet-summary = Сводка
export-sheet-evidence = Подтверждения
export-col-number = №
export-col-title = Мероприятие
export-col-result = Ожидаемый результат
export-col-deadline = Срок
export-col-responsible = Ответственный
export-col-key = Ключ
export-col-status = Статус
export-col-executor = Исполнитель
export-col-school = Школа
export-col-due = Срок исполнения (дата)
export-col-done = Дата выполнения
export-col-evidence = Подтверждение
export-col-verification = Проверка
export-col-comment = Последний комментарий
export-col-evidence-date = Дата
export-col-evidence-status = Проверка
export-evidence-status-accepted = принято
export-evidence-status-submitted = на проверке
export-unassigned = не назначен
export-verification-accepted = принято{ $by ->
    [none] {""}
   *[other] : { $by }
}{ $date ->
    [none] {""}
   *[other] , { $date }
}
export-verification-returned = возвращено{ $by ->
    [none] {""}
   *[other] : { $by }
}{ $date ->
    [none] {""}
   *[other] , { $date }
}{ $comment ->
    [none] {""}
   *[other] {" "}— { $comment }
}
export-verification-pending = ожидает проверки
export-summary-title = Сводка исполнения: { $title }
export-summary-date = По состоянию на { $date }
export-summary-scope = Школы: { $schools }
export-summary-by-section = По разделам
export-summary-by-school = По школам
export-summary-total = Итого
export-summary-col-name = Наименование
export-summary-col-total = Всего поручений
export-summary-col-percent = % выполнения
export-summary-col-items = Мероприятий
export-summary-col-items-done = Выполнено мероприятий
export-evidence-file = файл: { $name }

## Аналитическая справка .docx
export-note-title = Аналитическая справка
export-note-subtitle = об исполнении документа «{ $title }»
export-note-order = { $authority }, приказ от { $date } № { $number }
export-note-period = Период: с { $from } по { $to }
export-note-date = По состоянию на { $date }
export-note-scope = Справка подготовлена по школам: { $schools }.
export-note-totals-heading = Общие показатели
export-note-totals = Всего в дорожной карте { $items ->
    [one] { $items } мероприятие
    [few] { $items } мероприятия
   *[many] { $items } мероприятий
}, с учётом распределения по школам и исполнителям — { $rows ->
    [one] { $rows } поручение
    [few] { $rows } поручения
   *[many] { $rows } поручений
}. Выполнено полностью { $itemsDone ->
    [one] { $itemsDone } мероприятие
    [few] { $itemsDone } мероприятия
   *[many] { $itemsDone } мероприятий
}; исполнено { $done } из { $live } { $live ->
    [one] поручения
   *[other] поручений
} ({ $percent } %).
export-note-buckets = На проверке — { $submitted }, в работе — { $inProgress }, не начато — { $notStarted }, просрочено — { $overdue }, возвращено на доработку — { $returned }, перенесено — { $postponed }, отменено — { $cancelled }.
export-note-unassigned = Исполнитель не определён по { $count ->
    [one] { $count } поручению
   *[other] { $count } поручениям
}.
export-note-sections-heading = Исполнение по разделам
export-note-section-line = { $title }: выполнено { $done } из { $total } ({ $percent } %){ $overdue ->
    [0] {""}
   *[other] , просрочено — { $overdue }
}.
export-note-schools-heading = Исполнение по школам
export-note-overdue-heading = Просроченные мероприятия
export-note-overdue-none = Просроченных мероприятий нет.
export-note-overdue-line = п. { $number } «{ $title }» — срок { $due }; { $count ->
    [1] исполнитель
   *[other] исполнители
}: { $executor }
export-note-executors-more = и ещё { $count }
export-note-done-heading = Выполненные мероприятия и подтверждающие материалы
export-note-done-none = Выполненных мероприятий пока нет.
export-note-done-line = п. { $number } «{ $title }» — { $executor }, { $date }
export-note-evidence-none = подтверждающие материалы не приложены
export-note-overdue-more = Перечень сокращён: показаны первые { $shown } из { $total ->
    [one] { $total } просроченного мероприятия
   *[other] { $total } просроченных мероприятий
}. Полный перечень — в таблице мониторинга (.xlsx), лист «Исполнение», статус «просрочено».
export-note-done-more = Перечень сокращён: показаны первые { $shown } из { $total ->
    [one] { $total } выполненного поручения
   *[other] { $total } выполненных поручений
}. Полный перечень с подтверждающими материалами — в таблице мониторинга (.xlsx), листы «Исполнение» и «Подтверждения».
export-note-chart-heading = Динамика исполнения
export-note-signature = Подготовлено автоматически системой «Веха» по данным исполнителей.

## Команда /export
export-choose-roadmap = Выберите дорожную карту для выгрузки:
export-no-rights = Выгрузка отчётов доступна координатору, заместителю руководителя и кураторам. Если Вам нужен отчёт, обратитесь к координатору.
export-no-roadmaps = Нет активных дорожных карт для выгрузки.
export-nothing = В дорожной карте «{ $title }» нет мероприятий для выгрузки{ $schools ->
    [none] {""}
   *[other] {" "}по Вашим школам
}.
export-unknown-roadmap = Дорожная карта не найдена. Возможно, она была удалена.
export-too-large = Отчёт по этой дорожной карте не уместился в память, отведённую боту для выгрузок ({ $mb } МБ), и его подготовка остановлена — файлы не отправлены. Пожалуйста, сообщите администратору бота: он может отвести под выгрузки больше памяти или выгрузить отчёт на сервере.
export-caption-xlsx = Мониторинг исполнения: { $title } (на { $date })
export-caption-docx = Аналитическая справка: { $title } (на { $date })
export-note-shortened = В справке перечни просроченных мероприятий и выполненных поручений сокращены до { $max } строк; полные перечни — в таблице мониторинга (.xlsx).
export-preparing = Готовлю выгрузку: { $total ->
    [one] { $total } поручение
    [few] { $total } поручения
   *[other] { $total } поручений
} по { $items ->
    [one] { $items } мероприятию
   *[other] { $items } мероприятиям
}. Это займёт некоторое время — таблица и справка придут следующими сообщениями.
export-file-base = vekha-{ $id }-{ $date }
export-caption-files = Файлы подтверждений: { $count }. Распакуйте архив в ту же папку, где лежат таблица и справка, — ссылки в них откроют эти файлы.
export-files-too-big = Файлы подтверждений слишком велики, чтобы отправить их в Telegram. Координатор может выгрузить отчёт вместе с файлами на сервере: <code>npm run -s cli -- export { $id } --format xlsx --with-files</code>
