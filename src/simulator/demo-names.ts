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

export const schools = [
  'Kawempe Primary',
  'St. Mary’s Nakawa',
  'Gulu Hill School',
  'Lira Central P/S',
  'Wakiso Model School',
  'Kampala Parents',
];

export const needs = {
  eng: [
    'more textbooks',
    'clean water',
    'more teachers',
    'school meals',
    'desks and chairs',
    'textbooks and chalk',
    'a new roof',
  ],
  fra: ['plus de manuels', "de l'eau potable", "plus d'enseignants", 'des repas scolaires', 'des bancs'],
  ara: ['كتب مدرسية', 'مياه نظيفة', 'مزيد من المعلمين', 'وجبات مدرسية', 'مقاعد'],
} as const;

export const yesWords = { eng: 'yes', fra: 'oui', ara: 'نعم' } as const;
export const noWords = { eng: 'no', fra: 'non', ara: 'لا' } as const;

/** The questions as the demo flows send them, per language. */
export const prompts = {
  boys: {
    eng: 'How many boys are present today?',
    fra: "Combien de garçons sont présents aujourd'hui ?",
    ara: 'كم عدد الأولاد الحاضرين اليوم؟',
  },
  girls: {
    eng: 'How many girls are present today?',
    fra: "Combien de filles sont présentes aujourd'hui ?",
    ara: 'كم عدد البنات الحاضرات اليوم؟',
  },
  open: {
    eng: 'Is the school open today? Reply YES or NO',
    fra: "L'école est-elle ouverte aujourd'hui ? Répondez OUI ou NON",
    ara: 'هل المدرسة مفتوحة اليوم؟ أجب بنعم أو لا',
  },
  water: {
    eng: 'Is there clean water at the school? Reply YES or NO',
    fra: "Y a-t-il de l'eau potable à l'école ? Répondez OUI ou NON",
    ara: 'هل توجد مياه نظيفة في المدرسة؟ أجب بنعم أو لا',
  },
  boysEnrolled: {
    eng: 'How many boys are enrolled this term?',
    fra: 'Combien de garçons sont inscrits ce trimestre ?',
    ara: 'كم عدد الأولاد المسجلين هذا الفصل؟',
  },
  girlsEnrolled: {
    eng: 'How many girls are enrolled this term?',
    fra: 'Combien de filles sont inscrites ce trimestre ?',
    ara: 'كم عدد البنات المسجلات هذا الفصل؟',
  },
  needs: {
    eng: 'What does your school need most?',
    fra: 'De quoi votre école a-t-elle le plus besoin ?',
    ara: 'ما أكثر ما تحتاجه مدرستك؟',
  },
} as const;

/** Category names in the flows' other languages. */
export const categoryNames: Record<string, { fra: string; ara: string }> = {
  Few: { fra: 'Peu', ara: 'قليل' },
  Normal: { fra: 'Normal', ara: 'عادي' },
  Many: { fra: 'Beaucoup', ara: 'كثير' },
  Other: { fra: 'Autre', ara: 'أخرى' },
  Small: { fra: 'Petite', ara: 'صغيرة' },
  Medium: { fra: 'Moyenne', ara: 'متوسطة' },
  Large: { fra: 'Grande', ara: 'كبيرة' },
  Yes: { fra: 'Oui', ara: 'نعم' },
  No: { fra: 'Non', ara: 'لا' },
  'All Responses': { fra: 'Toutes les réponses', ara: 'كل الردود' },
};
