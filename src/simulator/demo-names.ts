// Names and answers for the demo contacts, in their languages.

export const firstNames = {
  eng: ['Amani', 'Grace', 'Peter', 'Sarah', 'Joseph', 'Ruth', 'David', 'Esther', 'Moses', 'Agnes', 'Brian', 'Irene'],
  fra: ['Jean-Baptiste', 'Aline', 'Claudine', 'Didier', 'Émilie', 'François', 'Hélène', 'Théo', 'Chantal', 'Noël'],
  ara: ['فاطمة', 'محمد', 'عائشة', 'يوسف', 'مريم', 'أحمد', 'خديجة', 'عمر', 'ليلى', 'حسن'],
} as const;

export const lastNames = {
  eng: ['Okello', 'Namubiru', 'Mugisha', 'Achieng', 'Ssempala', 'Atim', 'Kato', 'Nakato', 'Opio', 'Auma'],
  fra: ['Mugisha', 'Habimana', 'Uwimana', 'Niyonzima', 'Lefèvre', 'Dubois', 'Mukamana', 'Ndayisaba'],
  ara: ['الزهراء', 'عبد الله', 'الحسن', 'إبراهيم', 'الطيب', 'عثمان', 'النور', 'صالح'],
} as const;

export const schools = ['Kawempe Primary', 'St. Mary’s Nakawa', 'Gulu Hill School', 'Lira Central P/S', 'Wakiso Model School', 'Kampala Parents'];

export const needs = {
  eng: ['more textbooks', 'clean water', 'more teachers', 'school meals', 'desks and chairs', 'textbooks and chalk', 'a new roof'],
  fra: ['plus de manuels', "de l'eau potable", "plus d'enseignants", 'des repas scolaires', 'des bancs'],
  ara: ['كتب مدرسية', 'مياه نظيفة', 'مزيد من المعلمين', 'وجبات مدرسية', 'مقاعد'],
} as const;

export const yesWords = { eng: 'yes', fra: 'oui', ara: 'نعم' } as const;
export const noWords = { eng: 'no', fra: 'non', ara: 'لا' } as const;
