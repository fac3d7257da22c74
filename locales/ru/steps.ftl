# Русский: шаги мастера. Ключи совпадают с kk/steps.ftl и en/steps.ftl.
optional-suffix = (необязательно)
answer-yes = Да
answer-no = Нет
print = Распечатать страницу

language-heading = На каком языке вам удобнее?
language-required = Выберите язык

region-heading = Где вы живёте?
region-hint = Услуги, результаты и сроки зависят от регламентов вашего региона.
region-required = Выберите регион

catalogue-heading = Услуги
catalogue-region = Регион:
catalogue-change-region = Изменить регион
catalogue-search = Поиск услуги
catalogue-no-results = По вашему запросу услуг не найдено.
domain-employment = Занятость
domain-social_assistance = Социальная помощь
domain-special_social_services = Специальные социальные услуги
service-details = Что вы получите, кто может подать, документы и срок
service-results = Что вы получите
service-who = Кто может подать
service-who-anyone = Любой, для кого предназначена услуга; предварительная регистрация не нужна.
service-documents = Документы
service-deadline = Срок
service-channels = Куда обращаться
service-apply = Подать онлайн
service-office-only = Подать в офисе: куда идти и что взять
channel-online = можно подать онлайн
duration-working-days = { $count ->
    [one] { $count } рабочий день
    [few] { $count } рабочих дня
   *[many] { $count } рабочих дней
}
duration-minutes = { $count ->
    [one] { $count } минута
    [few] { $count } минуты
   *[many] { $count } минут
}
deadline-stated = установлен регламентом
deadline-summed = сумма сроков этапов регламента
deadline-not-given = Регламент не устанавливает срок.
office-only-intro = На эту услугу нельзя подать заявление онлайн. Обратитесь лично в один из этих офисов и возьмите перечисленные документы.
office-bring = Что взять с собой

eligibility-heading = Прежде чем подать заявление
fact-registered_as_unemployed-question = Вы зарегистрированы в качестве безработного?
fact-registered_as_unemployed-required = Выберите «Да», если вы зарегистрированы в качестве безработного
fact-registered_as_unemployed-short = Зарегистрирован как безработный
fact-registered_as_job_seeker-question = Вы зарегистрированы как лицо, ищущее работу?
fact-registered_as_job_seeker-required = Выберите «Да», если вы зарегистрированы как лицо, ищущее работу
fact-registered_as_job_seeker-short = Зарегистрирован как ищущий работу
fact-has_qualification-question = У вас есть документ о квалификации (диплом или свидетельство)?
fact-has_qualification-required = Выберите «Да», если у вас есть документ о квалификации
fact-has_qualification-short = Есть квалификация
fact-first_job_seeker_without_profession-question = Вы впервые ищете работу и не имеете профессии?
fact-first_job_seeker_without_profession-required = Выберите «Да», если вы впервые ищете работу
fact-first_job_seeker_without_profession-short = Впервые ищет работу, без профессии
fact-applies_through_representative-question = Заявление подаёт ваш представитель?
fact-applies_through_representative-required = Выберите «Да», если заявление подаёт представитель
fact-applies_through_representative-short = Через представителя
fact-rural_social_sphere_specialist-question = Вы специалист социальной сферы, живущий и работающий в сельском населённом пункте?
fact-rural_social_sphere_specialist-required = Выберите «Да», если вы специалист социальной сферы на селе
fact-rural_social_sphere_specialist-short = Специалист социальной сферы на селе
fact-has_child_under_18-question = У вас есть ребёнок младше 18 лет?
fact-has_child_under_18-required = Выберите «Да», если у вас есть ребёнок младше 18 лет
fact-has_child_under_18-short = Есть ребёнок до 18 лет

ineligible-heading = Вы пока не можете получить эту услугу онлайн
ineligible-what-next = Что можно сделать
ineligible-register = Сначала зарегистрируйтесь в центре занятости по месту жительства, затем подайте заявление снова. Возьмите документ, удостоверяющий личность.
ineligible-change-answers = Изменить ответы
ineligible-other-services = Посмотреть другие услуги
reason-requires_unemployed_registration = Этот результат доступен только лицам, зарегистрированным в качестве безработных.
reason-requires_job_seeker_or_unemployed_registration = Этот результат доступен только лицам, зарегистрированным как ищущие работу или безработные.
reason-requires_rural_social_sphere_specialist = Эта услуга только для специалистов социальной сферы, живущих и работающих в сельских населённых пунктах.
reason-requires_child_under_18 = Эта услуга только для семей с детьми до 18 лет.
reason-applicant_category_not_served = Эта услуга не оказывается заявителям вашей категории.
reason-result_not_offered_in_region = Этот результат не предоставляется в вашем регионе.
reason-no_online_channel = На эту услугу нельзя подать заявление онлайн.

name-heading = Как вас зовут?
surname-label = Фамилия
given-name-label = Имя
patronymic-label = Отчество
surname-name_empty = Введите фамилию
surname-name_too_long = Фамилия должна быть не длиннее 100 символов
surname-name_invalid_characters = Фамилия может содержать только буквы, пробелы, дефисы и апострофы
given-name-name_empty = Введите имя
given-name-name_too_long = Имя должно быть не длиннее 100 символов
given-name-name_invalid_characters = Имя может содержать только буквы, пробелы, дефисы и апострофы
patronymic-name_empty = Введите отчество
patronymic-name_too_long = Отчество должно быть не длиннее 100 символов
patronymic-name_invalid_characters = Отчество может содержать только буквы, пробелы, дефисы и апострофы

birth-date-heading = Какая у вас дата рождения?
birth-date-hint = Например, 28 10 1979
birth-date-empty = Введите дату рождения
birth_date_invalid = Дата рождения должна быть существующей датой
birth_date_too_early = Дата рождения должна быть после 1900 года
date-day = День
date-month = Месяц
date-year = Год

contact-heading = Как с вами связаться?
phone-label = Номер мобильного телефона
phone-hint = Например, +7 701 123 45 67 или 8 701 123 45 67
phone-empty = Введите номер мобильного телефона
phone-invalid = Введите казахстанский мобильный номер, например +7 701 123 45 67
email-label = Адрес электронной почты
email-invalid = Введите адрес электронной почты в правильном формате, например name@example.kz

address-heading = Какой у вас адрес?
address-label = Адрес
address-hint = Населённый пункт, улица, дом и квартира
address_empty = Введите адрес
address_too_long = Адрес должен быть не длиннее 300 символов

category-heading = Кто вы?
category-required = Выберите, кто вы
category-citizen = Гражданин Республики Казахстан
category-foreigner_with_residence_permit = Иностранец с видом на жительство
category-stateless_person = Лицо без гражданства
category-kandas = Кандас

result-heading = На что вы подаёте заявление?
result-required = Выберите, на что вы подаёте заявление

documents-heading = Приложите документы
documents-hint = PDF, JPG или PNG, каждый меньше 10 МБ.
document-conditional = если относится к вам
document-choose = Выбрать файл
document-uploading = Загрузка
document-cancel = Отменить загрузку
document-remove = Удалить
document-remove-confirm = Удалить { $name }?
document-remove-yes = Да, удалить
document-remove-no = Нет, оставить
document-required = Приложите этот документ
upload-empty = Выбранный файл пуст
upload-too-large = Выбранный файл должен быть меньше 10 МБ
upload-wrong-type = Выбранный файл должен быть в формате PDF, JPG или PNG
size-kb = { $size } КБ
size-mb = { $size } МБ

check-name = ФИО
check-birth-date = Дата рождения
check-contact = Контакты
check-address = Адрес
check-category = Заявитель
check-eligibility = Условия
check-result = Заявление на
check-documents = Документы

confirmation-due = Срок оказания услуги
confirmation-next-heading = Что будет дальше
draft-discarded = Не удалось восстановить ваш прежний черновик, поэтому начинается новое заявление.

month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря

resume-heading = У вас есть незаконченное заявление
resume-body = Мы сохранили то, что вы ввели в прошлый раз на этом устройстве.
resume-continue = Продолжить с того же места
resume-start-again = Начать заново
