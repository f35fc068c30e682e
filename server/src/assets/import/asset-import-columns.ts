import { ASSET_IMPORT_FIELDS, type AssetImportField } from '@parc/shared/api';

/**
 * Which field a column feeds, guessed from its header: English and French spellings and the headers
 * Snipe-IT and GLPI exports write. Compared folded (see `fold`), so "Numéro d'inventaire",
 * "numero_d_inventaire" and "NUMÉRO D'INVENTAIRE" are one key. Pure.
 */

/** Lower case, accents dropped, letters and digits only: the form headers and labels are compared in. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

const ALIASES: Record<AssetImportField, readonly string[]> = {
  type: ['type', 'asset type', 'category', 'catégorie', 'categorie', 'item type', "type d'équipement", 'type de matériel', 'itemtype'],
  name: ['name', 'asset name', 'nom', 'hostname', 'computer name', 'device name', 'nom du poste', "nom de l'équipement", 'nom du matériel', 'item name'],
  manufacturer: ['manufacturer', 'fabricant', 'constructeur', 'marque', 'brand', 'vendor'],
  model: ['model', 'modèle', 'model name', 'model no', 'model number', 'numéro de modèle'],
  serial: ['serial', 'serial number', 'serial no', 'sn', 's/n', 'numéro de série', 'n° de série', 'no de série', 'num série', 'série'],
  assetTag: ['asset tag', 'tag', 'asset number', 'inventory number', "numéro d'inventaire", "n° d'inventaire", 'inventaire', 'étiquette', "numéro d'immobilisation", 'immobilisation', 'otherserial'],
  notes: ['notes', 'note', 'comment', 'comments', 'commentaire', 'commentaires', 'remarques', 'description'],
  state: ['state', 'status', 'statut', 'état', 'status label', 'statut du matériel'],
  location: ['location', 'lieu', 'emplacement', 'localisation', 'site', 'default location', 'location name'],
  user: ['user', 'checked out to', 'assigned to', 'assigned user', 'username', 'user email', 'email', 'utilisateur', 'attribué à', 'affecté à', 'responsable', 'login'],
  purchaseDate: ['purchase date', 'purchased', 'date of purchase', "date d'achat", 'achat', 'acheté le'],
  orderNumber: ['order number', 'order no', 'order', 'po number', 'purchase order', 'numéro de commande', 'n° de commande', 'bon de commande', 'commande'],
  invoiceNumber: ['invoice number', 'invoice', 'invoice no', 'numéro de facture', 'n° de facture', 'facture'],
  supplier: ['supplier', 'fournisseur', 'reseller', 'revendeur', 'distributeur'],
  cost: ['cost', 'purchase cost', 'price', 'purchase price', 'value', 'coût', "coût d'achat", 'prix', "prix d'achat", 'valeur', 'montant'],
  currency: ['currency', 'devise', 'monnaie'],
  warrantyStart: ['warranty start', 'warranty start date', 'début de garantie', 'date de début de garantie', 'garantie depuis'],
  warrantyMonths: ['warranty', 'warranty months', 'warranty duration', 'warranty (months)', 'garantie', 'durée de garantie', 'garantie (mois)', 'mois de garantie'],
  depreciationMonths: ['depreciation', 'depreciation months', 'depreciation period', 'amortissement', "durée d'amortissement", 'amortissement (mois)'],
};

const FIELD_BY_HEADER = new Map<string, AssetImportField>();
for (const field of ASSET_IMPORT_FIELDS) {
  FIELD_BY_HEADER.set(fold(field), field);
  for (const alias of ALIASES[field]) FIELD_BY_HEADER.set(fold(alias), field);
}

/** The field a header names, or null. */
export function fieldOfHeader(header: string): AssetImportField | null {
  const key = fold(header);
  return FIELD_BY_HEADER.get(key) ?? FIELD_BY_HEADER.get(key.replace(/s$/, '')) ?? null;
}

/**
 * One field per column, guessed: the first column naming a field takes it, a later one naming the same
 * field is left out (a Snipe-IT export has both "Location" and "Default Location").
 */
export function guessMapping(headers: readonly string[]): (AssetImportField | null)[] {
  const taken = new Set<AssetImportField>();
  return headers.map((h) => {
    const field = fieldOfHeader(h);
    if (field === null || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}
