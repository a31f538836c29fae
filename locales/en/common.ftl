# Common texts
date-format = { $day } { $month } { $year }
month-genitive-1 = January
month-genitive-2 = February
month-genitive-3 = March
month-genitive-4 = April
month-genitive-5 = May
month-genitive-6 = June
month-genitive-7 = July
month-genitive-8 = August
month-genitive-9 = September
month-genitive-10 = October
month-genitive-11 = November
month-genitive-12 = December
status-not_started = not started
status-in_progress = in progress
status-submitted = on verification
status-verified = accepted
status-returned = returned
status-postponed = postponed
status-cancelled = cancelled
status-overdue = overdue
error-generic = Something went wrong. Please try again a little later — the error has been logged.

# How a roadmap is named in captions and headings (services/format.ts, roadmapName)
roadmap-name = Order No. { $number } of { $date }
roadmap-name-number = Order No. { $number }
roadmap-name-date = Order of { $date }
