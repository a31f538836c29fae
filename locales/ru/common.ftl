# Общие тексты
date-format = { $day } { $month } { $year }
month-genitive-1 = января
month-genitive-2 = февраля
month-genitive-3 = марта
month-genitive-4 = апреля
month-genitive-5 = мая
month-genitive-6 = июня
month-genitive-7 = июля
month-genitive-8 = августа
month-genitive-9 = сентября
month-genitive-10 = октября
month-genitive-11 = ноября
month-genitive-12 = декабря
status-not_started = не начато
status-in_progress = в работе
status-submitted = на проверке
status-verified = принято
status-returned = возвращено
status-postponed = перенесено
status-cancelled = отменено
status-overdue = просрочено
error-generic = Что-то пошло не так. Попробуйте ещё раз чуть позже — мы уже получили сообщение об ошибке.

# Как дорожная карта названа в подписях и заголовках (services/format.ts, roadmapName)
roadmap-name = Приказ № { $number } от { $date }
roadmap-name-number = Приказ № { $number }
roadmap-name-date = Приказ от { $date }
