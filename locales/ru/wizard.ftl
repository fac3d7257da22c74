# Russian. Keys must match kk.ftl and en.ftl exactly.
app-title = Заявление на государственную услугу
skip-to-content = Перейти к основному содержанию
language-switch-label = Язык
lang-kk = Қазақша
lang-ru = Русский
lang-en = English
back = Назад
continue = Продолжить
error-title-prefix = Ошибка
error-summary-title = Есть проблема
loading = Загрузка…

service-choice-heading = На какую услугу вы подаёте заявление?
service-choice-hint = Выберите одну услугу.
service-choice-required = Выберите услугу

iin-heading = Какой у вас индивидуальный идентификационный номер (ИИН)?
iin-label = ИИН
iin-hint = 12 цифр, например 791028302728. Пробелы и дефисы не учитываются.
iin_empty = Введите ИИН
iin_not_digits = ИИН должен состоять только из цифр
iin_wrong_length = ИИН должен состоять из 12 цифр (вы ввели { $actual })
iin_check_digit = ИИН неверен: не сходится контрольная цифра. Проверьте номер
iin_not_normalised = ИИН должен состоять только из цифр

check-heading = Проверьте ваши ответы
check-service = Услуга
check-iin = ИИН
check-change = Изменить
check-confirm = Продолжить и подписать

sign-heading = Подпишите заявление ЭЦП
sign-intro = Заявление будет отправлено после подписания электронной цифровой подписью (ЭЦП).
sign-button = Подписать и отправить
sign-pending = Подписываем и отправляем…
sign-test-certificate = Тестовый сертификат (только для разработки)
stub-valid = Действующий, мой ИИН
stub-expired = Просроченный
stub-revoked = Отозванный
stub-other_iin = Другой ИИН
stub-cancel = Пользователь отменяет
stub-not_running = Программа подписи не запущена

certificate_expired = Срок действия сертификата истёк. Подпишите действующей ЭЦП.
certificate_revoked = Сертификат отозван. Подпишите действующей ЭЦП.
certificate_iin_mismatch = Сертификат выдан на другой ИИН. Подпишите своей ЭЦП.
certificate_not_yet_valid = Сертификат ещё не действует.
certificate_untrusted = Сертификат выдан недоверенным удостоверяющим центром.
signature_mismatch = Подпись не соответствует заявлению. Подпишите ещё раз.
signature_malformed = Не удалось прочитать подпись. Подпишите ещё раз.
signature_format_unsupported = Этот сервер не принимает такую подпись.
signature_algorithm_unsupported = Сервер не проверяет подписи ГОСТ. Подпишите RSA-ключом ЭЦП.
error-network = Не удалось связаться с сервером. Проверьте подключение к интернету и повторите. Введённые данные сохранены.
error-server = На сервере произошла ошибка. Повторите чуть позже. Введённые данные сохранены.
error-unexpected = Получен неожиданный ответ. Повторите. Введённые данные сохранены.
rate_limited = Слишком много попыток за короткое время. Подождите минуту и попробуйте снова. Введённые данные сохранены.
error-timeout = Сервер не ответил вовремя. Повторите. Введённые данные сохранены.
try-again = Повторить
unknown_service = Такой услуги нет.
service_not_online = На эту услугу нельзя подать заявление онлайн.
server-field-error = Этот ответ не принят. Измените его и подпишите заявление снова.
document_missing = Приложите этот документ
upload_unknown = Файл не найден на сервере. Приложите его ещё раз.
validation_failed = В заявлении есть ошибки. Проверьте отмеченные поля.

confirmation-heading = Заявление отправлено
confirmation-reference = Номер вашего заявления
confirmation-next = Вы можете проверить статус заявления в любое время.
confirmation-status-link = Посмотреть статус заявления

status-heading = Статус заявления
status-reference = Номер заявления
status-service = Услуга
status-current = Текущий статус
status-submitted-at = Отправлено
status-not-found = Заявление с таким номером не найдено. Проверьте номер.
status-history = История
status-submitted = Отправлено
status-registered = Зарегистрировано
status-executor_assigned = Назначен исполнитель
status-checked = Проверено
status-signed = Подписано руководителем
status-result_issued = Результат выдан
status-refused = Отказано
new-application = Новое заявление
page-not-found = Страница не найдена

# Загрузки и заявления, которые сервер не принимает, чтобы сохранить подписанное (задача 16).
upload_forbidden = Удалить этот файл можно только с устройства, с которого он приложен.
upload_attached = Этот файл входит в отправленное заявление, поэтому его нельзя удалить.
upload_quota_exceeded = Вы приложили слишком много файлов, которые ещё не вошли в отправленное заявление. Отправьте заявление или попробуйте позже.
storage_full = Сервер сейчас не может принять файлы. Попробуйте позже. Введённые данные сохранены.
signing_time_too_old = Подпись слишком давняя, её нельзя принять. Подпишите ещё раз.
signing_time_in_future = Время на вашем устройстве опережает время сервера. Проверьте дату и время на устройстве и подпишите ещё раз.
upload_mismatch = Приложенный файл не совпадает с файлом на сервере. Приложите его ещё раз.
document_not_requested = Эта услуга не требует этого документа. Удалите его и приложите документы из списка.
upload_already_attached = Этот файл уже входит в другое заявление. Приложите его ещё раз.
idempotency_key_mismatch = Заявление не удалось сопоставить с подписью. Подпишите ещё раз.
