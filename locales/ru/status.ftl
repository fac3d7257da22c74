# Отслеживание статуса: одна заявка, этапы, результат, мои заявки.

status-timeline-heading = Этапы по регламенту
status-timeline-channel = Как их устанавливает регламент для канала:
status-service-due = Срок
status-due-unknown = Регламент не устанавливает срок
status-service-overdue = Срок нарушен
status-refresh-failed = Не удалось обновить статус. Сведения могут быть устаревшими; мы попробуем ещё раз.
status-my-applications-link = Мои заявки
status-max-minutes = Не более { $count } { $count ->
    [one] минуты
   *[other] минут
}
status-max-hours = Не более { $count } { $count ->
    [one] рабочего часа
   *[other] рабочих часов
}
status-max-working-days = Не более { $count } { $count ->
    [one] рабочего дня
   *[other] рабочих дней
}
status-max-calendar-days = Не более { $count } { $count ->
    [one] календарного дня
   *[other] календарных дней
}
status-max-none = Регламент не устанавливает срок этого этапа
status-step-done = Выполнено
status-step-current = Выполняется
status-step-pending = Ожидает
status-step-actor = Исполнитель:
status-step-due = Срок до
status-step-done-at = Выполнено
status-step-overdue = Срок нарушен

resultdoc-heading = Результат
resultdoc-kind-referral = Направление
resultdoc-kind-notice = Уведомление
resultdoc-number = Номер
resultdoc-date = Дата
resultdoc-provider = Выдал
resultdoc-applicant = Заявитель
resultdoc-iin = ИИН
resultdoc-signature = Подписано ЭЦП руководителя
resultdoc-certificate-serial = Серийный номер сертификата
resultdoc-signed-at = Дата подписания
resultdoc-print = Распечатать
resultdoc-save = Сохранить в PDF

refusal-heading = В оказании услуги отказано
refusal-by = Решение:
refusal-grounds-label = Основания отказа, как их указал услугодатель:
refusal-next-heading = Что можно сделать
refusal-next-fix = Устраните указанные основания и подайте заявку снова.
refusal-apply-again = Подать заявку снова

my-applications-heading = Мои заявки
my-applications-sign-in-intro = Войдите с ЭЦП, чтобы увидеть свои заявки. Введите ИИН и подпишите.
my-applications-iin = Ваш ИИН
my-applications-iin-invalid = Введите правильный ИИН из 12 цифр.
my-applications-sign-in = Войти с ЭЦП
my-applications-signed-in = Вход выполнен, ИИН
my-applications-sign-out = Выйти
my-applications-list-heading = Ваши заявки, сначала новые
my-applications-empty = У вас пока нет заявок.
unauthorized = Сеанс завершён. Войдите снова.
challenge_unknown = Запрос на вход больше не действителен. Войдите снова.
challenge_expired = Срок запроса на вход истёк. Войдите снова.

lookup-heading = Найти заявку по номеру
lookup-reference = Номер заявки
lookup-reference-hint = Например, 7K3M-Q9XA-2B4C
lookup-reference-invalid = Введите номер заявки из подтверждения.
lookup-open = Открыть

confirmation-my-applications-link = Все мои заявки

due-provisional = по предварительному календарю: выходные дни этого года ещё не утверждены, срок может измениться
due-unknown-calendar_missing = Срок по регламенту пока нельзя рассчитать: календарь рабочих дней на { $year } год ещё не опубликован.
due-unknown-before_fixed_offset = Срок не рассчитывается для заявок, поданных до 1 марта 2024 года.
due-unknown-after_untimed_step = Срок нельзя рассчитать: регламент не устанавливает срок одного из предыдущих этапов.
