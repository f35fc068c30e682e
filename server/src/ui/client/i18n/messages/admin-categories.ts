import { defineMessages } from '../define.js';

/** The ticket category tree (views/admin/categories.ts). */
export default defineMessages('adminCategories', {
  en: {
    'adminCategories.title': 'Ticket categories',
    'adminCategories.intro': 'Categories route tickets (assignment rules) and choose their SLA policy; subcategories inherit both.',
    'adminCategories.topLevel': 'Top level',
    'adminCategories.create.heading': 'Create a category',
    'adminCategories.nameHint': 'Without ">", which separates levels.',
    'adminCategories.under': 'Under',
    'adminCategories.create.submit': 'Create category',
    'adminCategories.created': 'Category "{path}" created.',
    'adminCategories.change': 'Change {path}',
    'adminCategories.unchanged': 'Nothing changed: edit the name or choose another parent.',
    'adminCategories.saved': 'Category saved as "{path}".',
    'adminCategories.deleteConfirm': 'Delete the category "{path}"?',
    'adminCategories.deleted': 'Category "{path}" deleted.',
    'adminCategories.tree': 'Category tree',
    'adminCategories.empty': 'No category yet.',
  },
  fr: {
    'adminCategories.title': 'Catégories de tickets',
    'adminCategories.intro': 'Les catégories orientent les tickets (règles d’attribution) et choisissent leur politique de SLA ; les sous-catégories héritent des deux.',
    'adminCategories.topLevel': 'Premier niveau',
    'adminCategories.create.heading': 'Créer une catégorie',
    'adminCategories.nameHint': 'Sans « > », qui sépare les niveaux.',
    'adminCategories.under': 'Sous',
    'adminCategories.create.submit': 'Créer la catégorie',
    'adminCategories.created': 'Catégorie « {path} » créée.',
    'adminCategories.change': 'Modifier {path}',
    'adminCategories.unchanged': 'Rien n’a changé : modifiez le nom ou choisissez un autre parent.',
    'adminCategories.saved': 'Catégorie enregistrée sous « {path} ».',
    'adminCategories.deleteConfirm': 'Supprimer la catégorie « {path} » ?',
    'adminCategories.deleted': 'Catégorie « {path} » supprimée.',
    'adminCategories.tree': 'Arborescence des catégories',
    'adminCategories.empty': 'Aucune catégorie pour l’instant.',
  },
});
